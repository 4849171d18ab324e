// The messages a form field can be refused with, each under a key with its {parameters}.
//
// The domain speaks English: the zod schemas, the operations' checks, the CLI and the JSON API give
// these texts as they are (`formText(key, params)`). A web form shows them in the reader's language:
// `readFormMessage` finds a text's key and parameters again (every template is distinct, so a text
// has one reading), and the web's catalogues hold `formError.<key>` in each language
// (web/i18n/form-errors.ts). One schema thus serves the forms, the CLI and the API.
export const FORM_MESSAGES = {
  empty: 'must not be empty',
  tooLong: 'must be at most {max} characters',
  controlChars: 'must not hold control characters',
  oneOf: 'must be one of {options}',
  slug: 'must be lowercase letters, digits and single hyphens, at most 80 characters, e.g. idm-2024',
  date: 'must be a calendar date written YYYY-MM-DD, e.g. 2024-05-02',
  timeZone: 'must be an IANA time zone such as Europe/Zurich or America/New_York',
  countryCode: 'must be an ISO 3166-1 alpha-2 code such as CH or US',
  email: 'must be an e-mail address such as secretariat@example.org',
  time: 'must be a time written HH:MM (24 hours), e.g. 09:30',
  importTime: 'must be a time of day written HH:MM, e.g. 09:30, or left empty',
  panelNumber: 'must be a whole number from 0 to 9999, or empty',
  endDate: 'must not be before the start date',
  endTime: 'must be after the start time',
  role: 'must be moderator or speaker',
  letters: 'must hold letters',
  genderTerm: 'give the term the person uses, or choose another answer',
  slugTakenSeries: '"{slug}" is already the address of another series: choose another',
  slugTakenEvent: '"{slug}" is already the address of another event: choose another',
  alreadyModerator: 'this person is already a moderator of this session',
  alreadySpeaker: 'this person is already a speaker of this session',
  memberStateCountry: 'a Member State government body needs its country: give its two-letter code',
  dayTaken: 'the event already has a day on {date}',
  dayOfEvent: 'must be a day of this event',
  chooseFile: 'choose a file to send',
  speakerKind: 'must be statement or presentation',
  nothingDiffers: 'nothing differs from what is printed',
  speakerGender: 'choose one of the answers, or “prefer not to say”',
  uploadEmpty: '{name} is empty',
  uploadUnknownClaimed: '{name} is not a file type Plenary recognises although its name ends in .{ext}; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  uploadUnknown: '{name} is not a file type Plenary recognises; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  uploadTooLarge: 'the upload is larger than {mb} MB, the most a file may be',
  csrf: 'the form is missing its security token or it is out of date: reload the page and try again',
} as const;

export type FormMessageKey = keyof typeof FORM_MESSAGES;
export type FormMessageParams = Record<string, string | number>;

/** The English text of a message (what the CLI and the API say, and the form's fallback). */
export function formText(key: FormMessageKey, params: FormMessageParams = {}): string {
  return FORM_MESSAGES[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const READINGS: { key: FormMessageKey; names: string[]; pattern: RegExp }[] = (Object.keys(FORM_MESSAGES) as FormMessageKey[]).map((key) => {
  const names: string[] = [];
  const source = FORM_MESSAGES[key]
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
      names.push(m[1]!);
      return '(.+?)';
    })
    .join('');
  return { key, names, pattern: new RegExp(`^${source}$`, 's') };
});

/** The key and parameters of an English message made by formText, or null for any other text. */
export function readFormMessage(text: string): { key: FormMessageKey; params: Record<string, string> } | null {
  for (const r of READINGS) {
    const m = r.pattern.exec(text);
    if (m) return { key: r.key, params: Object.fromEntries(r.names.map((n, i) => [n, m[i + 1]!])) };
  }
  return null;
}
