// The messages a form field can be refused with, each under a key with its {parameters}.
//
// The domain speaks English: the zod schemas, the operations' checks, the CLI and the JSON API give
// these texts as they are. A refusal also carries its key and parameters (`FormMessage`), so a web
// form shows the catalogue's `formError.<key>` in the reader's language with the same parameters
// (web/i18n/form-errors.ts) without ever reading the English back. One schema thus serves the forms,
// the CLI and the API.
import type { z } from 'zod';

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
  uploadBytes: '{name} is {bytes} bytes; an upload may be at most {max} bytes ({mb} MB)',
  uploadProgram: '{name} is {what}: it was refused; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  uploadProgramClaimed: '{name} is {what} although its name ends in .{ext}: it was refused; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  uploadOtherType: '{name} is a {type} file ({mime}); upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  uploadOtherTypeClaimed: '{name} is a {type} file ({mime}) although its name ends in .{ext}; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  uploadUnreadablePhoto: '{name} could not be read as a {type} image: {detail}',
  chooseUpload: 'choose a file to upload',
  notAppearance: 'not an appearance of this event',
  versionExists: 'this document already has a version in {lang}; replace that version\'s file instead',
  linkExpiryDate: 'give the last day the link works, as a date like 2026-12-31',
  linkExpiryPassed: 'the day has passed: give today or a later day',
  linkExpiryMax: 'a link may run at most {days} days',
  importTimeZone: 'give the venue’s time zone, e.g. America/New_York',
  importName: 'give a name, or tick “remove” to leave this person out',
  importNothingLeft: 'every session was removed: there would be nothing to import (discard the upload instead)',
  importSlugExists: 'an event "{slug}" exists already; import into it from its page, or choose another slug',
  importNoAgenda: '{name} holds no agenda: no day and no time slot or session was recognised',
  /** The agenda as corrected fails the agenda's own schema: each issue at its place ({issues}: a list of `at`). */
  agendaIssues: '{issues}',
  at: '{where}: {message}',
  // What a refused program is ({what} above).
  'program.exe': 'a Windows program (.exe)',
  'program.elf': 'a Linux program (ELF)',
  'program.macho': 'a macOS program (Mach-O)',
  'program.class': 'a Java class file',
  'program.dex': 'an Android program',
  'program.wasm': 'a WebAssembly program',
  'program.msi': 'a Windows installer (.msi)',
  'program.deb': 'a Debian package',
  'program.rpm': 'an RPM package',
  'program.apk': 'an Android package (.apk)',
  'program.jar': 'a Java archive (.jar)',
  csrf: 'the form is missing its security token or it is out of date: reload the page and try again',
  signInEnded: 'your sign-in has ended (idle too long, past its time, or signed out): sign in again; nothing was saved',
  signInFirst: 'sign in first',
  tooManySignIns: 'too many failed sign-ins: try again after {time} UTC',
  wrongOrigin: 'the request came from {from}, not from {expected}: use the workspace at {expected} (an administrator sets that address with PUBLIC_URL)',
  refererNotUrl: 'the Referer header is not a URL',
  mayNot: 'your account may not do this',
  versionNumber: 'the form\'s version "{version}" is not a version number: reload the page and try again',
  versionMissing: 'the form\'s version is missing: reload the page and try again',
  versionConflict: 'this {entity} was changed by someone else after you opened it (you edited version {yours}; it is now at version {now}): nothing was saved',
  'entity.series': 'series',
  'entity.event': 'event',
  'entity.day': 'day',
  'entity.session': 'session',
  'entity.appearance': 'appearance',
  'entity.person': 'person',
  'entity.organization': 'organization',
  'entity.material': 'material',
  'entity.submission': 'submission',
  'entity.speakerLink': 'speaker link',
  'entity.auditEntry': 'audit entry',
  pubOtherSeries: 'that event belongs to another series',
  pubTitle: 'must be 1 to 300 characters',
  atMost: 'at most {max} characters',
  pubNoVersion: 'the form has no version: reload it',
  pubExcerptEmpty: 'the excerpt of statement {id} is empty: type it, or choose the whole statement',
  pubConflict: 'the publication was changed by someone else since this form was opened (it is at version {now}, the form at {yours}): reload it and apply your changes again',
  pubNote: 'edition {number} of "{slug}" corrects edition {last}: say what changed (--note TEXT, or the form\'s "What changed")',
  pubFrozenMeanwhile: 'edition {number} of "{slug}" was frozen meanwhile by someone else: nothing was stored; look at it and make the next one if needed',
  pubEventUnpublished: 'event "{event}" is not published: a publication is made from what the public sees; publish it first (plenary publish --event {event})',
  pubNoEvents: 'series "{series}" has no published event that starts in {year}: a publication is made from published events',
  pubYear: '--year must be a year such as 2017, not "{year}"',
  pubAddressTaken: 'the publication address /publications/{slug} is already taken',
  pubNoEvent: 'no event "{event}" (event slugs are listed at /admin and in the event\'s address /events/SLUG)',
  pubNoSeries: 'no series "{series}" (series slugs are in the address /series/SLUG)',
  noPublication: 'no publication {id}',
  pubNothingPublished: 'publication "{slug}" has no published event to be made from: publish the event first',
  // The workspace's not-found answers (its 404 page says them in the reader's language).
  noSuchPage: 'no such page',
  noSuchSeries: 'no such series',
  noSuchEvent: 'no such event',
  noSuchMaterial: 'no such material',
  // {at}: a moment as the CLI and the API write it ('2026-11-30 04:05 UTC'); a web page shows it by Intl in its language.
  materialDeleted: 'this material was deleted on {at} by {by} after you opened it: nothing was changed',
  materialGone: 'this material was deleted after you opened it: nothing was changed',
  noSuchFile: 'no such file',
  noSuchPublication: 'no such publication',
  noSeries: 'there is no series "{slug}"',
  noRecord: 'there is no {entity} {id}',
  noRecordDeleted: 'there is no {entity} {id}: it may have been deleted',
  noEventWithId: 'no event with id {id}',
  notRecordNumber: '"{raw}" is not a record number',
  notAuditNumber: '"{raw}" is not an audit entry number',
  recordDeleted: 'this {entity} was deleted on {at} by {by}; an admin can put it back from the audit log (entry {entry})',
  recordDeletedUnsaved: 'this {entity} was deleted on {at} by {by}; what you sent was not saved; an admin can put it back from the audit log (entry {entry})',
  unknownAccount: 'an unknown account',
  noSubmissionFile: 'this submission has no file',
  notContentLanguage: '"{lang}" is not a language Plenary\'s content is written in',
  pagePast: 'page {page} is past the last page, {pages}',
  draftGone: 'this import is no longer waiting: it was confirmed or discarded, or it expired (uploads wait a day); upload the file again',
  draftSeriesGone: 'the series of this import no longer exists',
  draftEventGone: 'the event of this import no longer exists',
  draftCorrectedElsewhere: 'this reading was corrected in another window since this page was loaded: reload the page and make your corrections again',
  draftSlugTaken: 'an event "{slug}" exists already (made since the upload): give this one another slug',
  importTooLarge: 'the upload is larger than {mb} MB, the most an agenda file may be',
  // What an import refuses before it writes (operations/import-agenda.ts); {option} is the command line's option, a form's field on a page.
  importNoAgendaInput: 'the input holds no agenda: no day and no time slot or session was recognised',
  importSeriesTitle: 'series "{slug}" does not exist yet: give its title ({option})',
  importOtherSeries: 'event "{event}" belongs to another series than "{series}": name its own series, or choose another {option}',
  importDayNoDate: 'day {day} ("{label}") has no date and no start date was given ({option})',
  importTwoDays: 'two days of the agenda fall on {date}',
  importNeedsTitle: 'event "{slug}" needs a title ({option}): the page gives none',
  importNeedsTimeZone: 'event "{slug}" needs the venue\'s time zone ({option}, e.g. America/New_York)',
  // Refusals of what only a crafted request sends (a browser's form cannot).
  chooseDay: 'choose a day of this event',
  upOrDown: 'must be up or down',
  personOrOrganization: 'must be person or organization',
  mergeInto: 'choose the {entity} to merge into this one',
  mergeSelf: 'a {entity} cannot be merged with itself: choose another',
  appearanceNotOfEvent: 'appearance {id} is not part of this event',
  formUnreadable: 'the form could not be read: {detail}',
  fieldBytes: 'must be at most {max} bytes',
  formFiles: 'the form may carry at most {max} file(s)',
  formFields: 'the form may carry at most {max} fields',
  formParts: 'the form has too many parts',
  formEmpty: 'the form is empty',
  // Splitting a person or an organization.
  splitChoosePerson: 'choose the appearances that belong to the other person',
  splitChooseOrganization: 'choose the appearances or the names that belong to the other organization',
  splitAllPerson: 'every appearance was chosen: leave at least one with this person (to give them another name, edit the person instead)',
  splitAllOrganization: 'every appearance was chosen: leave at least one with this organization (to give it another name, edit the organization instead)',
  splitForeign: 'appearance {ids} is not {name}\'s (any more): reload the page and choose again',
  splitStrangeNames: 'name {ids} is not one of {name}\'s (any more): reload the page and choose again',
  splitOwnName: '"{name}" is this organization\'s own name: it stays; choose its other names',
  // The JSON API's refusals (English unless the request asks for a language with ?lang=).
  apiToken: 'the API token is not valid: it is unknown, revoked, or its account is disabled (plenary user tokens)',
  apiInternal: 'the server could not answer this request; the error has been logged',
  apiNoEndpoint: 'no API endpoint at {path}; see /api/openapi.json',
  apiWritesOnly: 'only /api/workspace/… takes writes; here: {allowed}',
  apiNoWorkspaceRecord: 'no workspace record at {path}; see /api/openapi.json',
  apiNoEvent: 'no published event "{slug}"',
  apiNoSession: 'no session {id} in a published event',
  apiNoPerson: 'no person "{slug}" in a published event',
  apiNoOrganization: 'no organization "{slug}" in a published event',
  apiNoSeries: 'no series "{slug}"',
  apiNoPublication: 'no publication "{slug}"',
  apiNoCountry: 'no country with the code {code}',
  apiNothingAt: 'nothing at {path}',
  apiVersion: 'say which version you edited, as If-Match: "N" or "version": N in the body (GET the record for its version)',
  apiJson: 'send the fields as JSON (Content-Type: application/json)',
  apiBodyLength: 'the body is {length} characters; at most {max}',
  apiNotJson: 'the body is not JSON: {detail}',
  apiNotObject: 'the body must be a JSON object of fields',
  apiUnknownFields: 'not a field of a {entity}; its fields are {fields}',
  apiId: 'id must be a positive whole number',
  apiCountryCode: 'code must be an ISO 3166-1 alpha-2 country code such as CA',
  apiLang: 'lang must be one of {options}',
  apiWhole: '{name} must be a whole number from 1',
  apiWholeMax: '{name} must be a whole number from 1 to {max}',
  apiTextList: 'must be a list of texts',
  apiScalar: 'must be a text, a number or null',
  // A search's address (/search, /api/search).
  searchTooLong: '{name} must be at most {max} characters',
  /** A parser's own text inside a message (busboy's, JSON.parse's, sharp's): English, shown set apart on a page. */
  technicalDetail: '{detail}',
  // The audit log's revert refusals (operations/edit-audit.ts, edit-delete.ts).
  revertImport: 'entry {entry} is an import: import the earlier page again instead',
  revertReorder: 'entry {entry} is a reorder of {entity} {id}: move it up or down again instead',
  revertSplit: 'entry {entry} is a split of a person: merge the two persons again instead',
  revertMerge: 'entry {entry} is a merge: undo or redo it from the merge\'s page ({path})',
  revertUnmerge: 'entry {entry} is the undoing of a merge: undo or redo it from the merge\'s page ({path})',
  revertMaterial: 'entry {entry} is about a material: upload, replace or delete it on the event\'s materials page instead',
  revertAlready: 'entry {entry} was already reverted by entry {by}',
  revertUnknownKind: 'entry {entry} names an unknown kind of record, {entity}',
  revertNotRestorable: 'entry {entry} deleted {entity} {id}, which cannot be put back from the log',
  revertGone: 'the {entity} of entry {entry} ({kind} {id}) no longer exists',
  revertChangedSince: 'the {entity}\'s {fieldList} changed again after entry {entry}: revert the later changes first, or edit it by hand',
  revertNotDeletable: 'entry {entry} made {entity} {id}; a {kind} is not deleted from the log',
  restoreThere: 'the {entity} {id} is there already',
  restoreParentGone: 'the {parent} this {entity} belonged to ({parentKind} {id}) is gone: put it back first',
  deleteGone: 'there is no {entity} {id}: it may have been deleted already',
  deleteConflict: 'this {entity} was changed by someone else after you opened it (you saw version {yours}; it is now at version {now}): nothing was deleted; look at it again first',
  dayHoldsSession: 'the day {date} still holds 1 session: move or delete it first',
  dayHoldsSessions: 'the day {date} still holds {n} sessions: move or delete them first',
  // Merging persons or organizations, and undoing a merge (operations/identities.ts).
  mergeClash: 'both are in the same session with the same role (session {clashList}): delete one of the two appearances first, then merge',
  mergeClashAt: '{session} as {role}',
  noMerge: 'there is no merge {id}',
  mergeUndone: 'merge {id} was already undone on {at}',
  undoSurvivorGone: 'the {entity} it was merged into ({id}) is gone; this merge cannot be undone',
  undoSurvivorMerged: 'the {entity} it was merged into ({id}) is gone, merged in turn by merge {later}: undo that merge first; this merge cannot be undone',
  undoNumberTaken: '{entity} {id} exists again (another record took its number): this merge cannot be undone',
  undoSlugTaken: 'the address "{slug}" is {entity} {id}\'s now: this merge cannot be undone',
  undoMovedOne: 'appearance {ids} moved to another {entity} since the merge: this merge cannot be undone (move it back first)',
  undoMoved: 'appearance {ids} moved to another {entity} since the merge: this merge cannot be undone (move them back first)',
  // Speakers' links and what they send (operations/speaker-links.ts).
  linkRevokedAlready: 'speaker link {id} was already revoked',
  linkUnknown: 'this speaker link is not known',
  linkAppearanceGone: 'the appearance of this link is gone',
  linkUsed: 'this link was already used or revoked',
  submissionApproved: 'submission {id} was already approved',
  submissionRejected: 'submission {id} was already rejected',
  submissionDecided: 'submission {id} was already {status}',
  submissionFileGone: 'the file of submission {id} is no longer stored',
  // Publishing (operations/releases.ts).
  publishAddressTaken: 'the address /events/{slug} is still used by the published release of another event (id {id}); publish that event under its new address first',
  // The import's report after it wrote (operations/import-agenda.ts ImportReport: kept, doubtful, warnings).
  reportDayDeleted: 'day {date}: deleted in the workspace; not made again, nor its sessions',
  reportSessionDeleted: '{session}: deleted in the workspace; not made again',
  reportSessionStays: '{session}: no longer on the page; kept, as it was made or edited in the workspace',
  reportDayStays: 'day {date}: no longer on the page; kept, as it was made or edited in the workspace or holds sessions that were',
  reportDayOrder: 'day {date}: the order of its sessions was set in the workspace; kept it (sessions new on the page are at the end)',
  reportAppearanceDeleted: '{name} ({role}) of session {session}: removed in the workspace; not added again',
  reportPeopleOrder: 'the order of the people of session {session} was set in the workspace; kept it (people new on the page are at the end)',
  reportAppearanceStays: '{name} ({role}) of session {session}: no longer on the page; kept, as the appearance was made or edited in the workspace',
  reportFieldKept: '{label}: kept {field} {was} as set in the workspace; the page gives {now}',
  reportListedTwice: '{name} is listed twice as {role} in one session; kept the first',
  reportMaterialKept: '"{label}" of {name} is no longer on the agenda; kept among the event\'s documents',
  reportSession: 'session "{title}" ({when})',
  reportDay: 'day {date}',
  reportSeries: 'series "{slug}"',
  reportEvent: 'event "{slug}"',
  reportAppearance: '{name} ({role})',
  reportText: '"{text}"',
  reportEmpty: 'empty',
  reportPrinted: '"{name}"',
  reportPrintedWith: '"{name}" ({organization})',
  reportOrganization: '"{name}" (/organizations/{slug})',
  doubtfulOtherOrganization: '{printed} has the name of "{name}" (/people/{slug}) of this import: {reasonList}; stored as another person, not merged',
  doubtfulTaken: '{printed} is the name of {count} stored persons: taken "{name}" (/people/{slug}): {reasonList}; {others}',
  doubtfulNotTaken: 'not "{name}" (/people/{slug}): {reasonList}',
  doubtfulNewPerson: '{printed} has the name of "{name}" (/people/{slug}): {reasonList}; stored as a new person, not merged',
  doubtfulLikePerson: '{printed} may be the same person as "{name}" (/people/{slug}): {reasonList}; stored as a new person, not merged',
  doubtfulOrganizations: '"{organization}" is the name of {count} stored organizations: taken "{name}" (/organizations/{slug}), the first stored; not {otherList}',
  doubtfulLikeOrganization: '"{organization}" may be the same organization as "{name}" (/organizations/{slug}): {reasonList}; stored as a new organization, not merged',
  // Why two identities may be one (domain/identity.ts reasonMessages).
  'reason.sameName': 'the same name',
  'reason.sameEvent': 'already in this event',
  'reason.sameOrganization': 'the same organization',
  'reason.sameOrganizationNamed': 'the same organization ({organization})',
  'reason.otherOrganization': 'another organization',
  'reason.otherOrganizationNamed': 'another organization ({organizations})',
  'reason.sameCountry': 'the same country',
  'reason.sameCountryNamed': 'the same country ({code})',
  'reason.initials': 'initials that fit',
  'reason.nameParts': 'the same surname and given name, parts left out',
  'reason.acronym': 'one is the acronym of the other',
  'reason.bareName': 'the same name but for the part in brackets',
  // Words a report line or a refusal names: a role, a session's kind, a record's field (its column's name in English).
  'roleWord.moderator': 'moderator',
  'roleWord.speaker': 'speaker',
  'kindWord.opening': 'opening',
  'kindWord.panel': 'panel',
  'kindWord.keynote': 'keynote',
  'kindWord.break': 'break',
  'kindWord.closing': 'closing',
  'kindWord.other': 'other',
  'field.title': 'title',
  'field.lang': 'lang',
  'field.time_zone': 'time_zone',
  'field.venue': 'venue',
  'field.address': 'address',
  'field.city': 'city',
  'field.country_code': 'country_code',
  'field.overview': 'overview',
  'field.themes': 'themes',
  'field.contact_email': 'contact_email',
  'field.date': 'date',
  'field.label': 'label',
  'field.day_id': 'day',
  'field.kind': 'kind',
  'field.number': 'number',
  'field.start_time': 'start_time',
  'field.end_time': 'end_time',
  'field.role': 'role',
  'field.role_label': 'role_label',
  'field.honorific': 'honorific',
  'field.affiliation_position': 'affiliation_position',
  'field.organization_id': 'organization',
  'field.country': 'country',
  'field.talk_title': 'talk_title',
  'field.name': 'name',
  'field.gender': 'gender',
  'field.gender_term': 'gender_term',
  'field.session_id': 'session',
  'field.person_id': 'person',
  'field.slug': 'slug',
  'field.description': 'description',
  'field.start_date': 'start_date',
  'field.end_date': 'end_date',
  'field.translations': 'translations',
  'field.status': 'status',
} as const;

export type FormMessageKey = keyof typeof FORM_MESSAGES;
/**
 * A message's parameters. One may be a message itself (a refused program's kind) or a list of messages (the
 * import's agenda issues), given in the same language; a list is joined by "; " (by `formError.separator` on a page),
 * one whose name ends in `List` ({reasonList}, {fieldList}) by ", " (`punct.comma` on a page).
 */
export type FormMessageParams = Record<string, string | number | FieldMessage | readonly FieldMessage[]>;

/** The English text of a message (what the CLI and the API say, and the form's fallback). */
export function formText(key: FormMessageKey, params: FormMessageParams = {}): string {
  return FORM_MESSAGES[key].replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined ? m : Array.isArray(v) ? v.map(String).join(name.endsWith('List') ? ', ' : '; ') : String(v);
  });
}

/**
 * A refusal of a field: its key and parameters, and its English text (`text`, also what `String()` and
 * `JSON.stringify` give, so a CLI line or an API answer made from it reads as before).
 */
export class FormMessage {
  constructor(
    readonly key: FormMessageKey,
    readonly params: FormMessageParams = {},
  ) {}
  get text(): string {
    return formText(this.key, this.params);
  }
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

export const formMessage = (key: FormMessageKey, params: FormMessageParams = {}): FormMessage => new FormMessage(key, params);

/** What a field is refused with: a keyed message, or a text that has no key (a reader's failure, shown as it is). */
export type FieldMessage = FormMessage | string;

/** The English text of a field's message. */
export const messageText = (m: FieldMessage): string => (typeof m === 'string' ? m : m.text);

/**
 * zod's parameters for a check refused with a keyed message: `.refine(test, formIssue('time'))`. The issue
 * keeps the English `message` and carries the FormMessage in its `params` (read by `issueMessage`).
 */
export const formIssue = (key: FormMessageKey, params: FormMessageParams = {}, path?: PropertyKey[]): FormIssue => issueOf(new FormMessage(key, params), path);

export type FormIssue = { message: string; params: { formMessage: FormMessage }; path?: PropertyKey[] };

/** The same for a FormMessage made already. */
export const issueOf = (m: FormMessage, path?: PropertyKey[]): FormIssue => (path ? { message: m.text, params: { formMessage: m }, path } : { message: m.text, params: { formMessage: m } });

/** A zod issue's message: its FormMessage when the schema gave one (formIssue), else zod's own English text. */
export function issueMessage(issue: z.core.$ZodIssue): FieldMessage {
  const m = issue.code === 'custom' ? (issue.params as { formMessage?: unknown } | undefined)?.formMessage : undefined;
  if (m instanceof FormMessage) return m;
  // zod's own checks of a string's length, by their code and bound (schemas without keyed messages: the agenda's).
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return new FormMessage('empty');
  if (issue.code === 'too_big' && issue.origin === 'string') return new FormMessage('tooLong', { max: Number(issue.maximum) });
  return issue.message;
}

/** A kind of record as a message (`entity.session`…), for a parameter; a kind without a key stays its name. */
export function entityMessage(entity: string): FieldMessage {
  const key = `entity.${entity}`;
  return key in FORM_MESSAGES ? new FormMessage(key as FormMessageKey) : entity;
}

/** "there is no {entity} {id}" with the kind keyed. */
export const noRecord = (entity: string, id: string | number): FormMessage => new FormMessage('noRecord', { entity: entityMessage(entity), id });

/** A record's field by its column's name, as a message (`field.start_time`); a column without a key stays its name. */
export function fieldWord(column: string): FieldMessage {
  const key = `field.${column}`;
  return key in FORM_MESSAGES ? new FormMessage(key as FormMessageKey) : column;
}
