// The same agenda given as text, HTML, DOCX and PDF reads the same. The test makes the three
// other formats from the seed's text with real libraries (docx, pdfkit), as an organizer's tools would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Agenda } from '../src/domain/agenda.ts';
import { parseAgendaText } from '../src/importer/parse-text.ts';
import { readInput } from '../src/importer/read-input.ts';
import { blocks, toDocx, toHtml, toPdf } from './convert.ts';
import { SHARED_SKIP, sharedPath } from './shared.ts';

/** What the agenda says, without where on the page it said it. */
function facts(a: Agenda) {
  return a.days.map((d) => ({
    date: d.date,
    label: d.label,
    sessions: d.sessions.map((s) => ({
      start: s.start,
      end: s.end,
      kind: s.kind,
      number: s.number,
      title: s.title,
      people: [...s.moderators.map((p) => ['moderator', p] as const), ...s.speakers.map((p) => ['speaker', p] as const)].map(([role, p]) => ({
        role,
        name: p.name,
        honorific: p.honorific,
        position: p.position,
        organization: p.organization,
        country: p.country,
        countryCode: p.countryCode,
        materials: p.materials,
        roleLabel: p.roleLabel ?? null,
      })),
    })),
  }));
}

for (const page of ['seed/idm-2017-new-york.txt', 'fixtures/agendas/07-iom-grcp-botswana-2011.txt', 'fixtures/agendas/11-eu-oecd-dialogue-2014.txt', 'fixtures/agendas/17-iom-idm-youth-2019.txt']) {
  test(`${page.split('/').pop()} reads the same as text, HTML, DOCX and PDF`, { skip: SHARED_SKIP }, async () => {
    const text = readFileSync(sharedPath(page), 'utf8');
    const expected = facts(parseAgendaText(text));
    assert.ok(expected.flatMap((d) => d.sessions).length > 0);
    const bs = blocks(text);
    const inputs: Array<[string, Uint8Array]> = [
      ['html', new TextEncoder().encode(toHtml(bs))],
      ['docx', await toDocx(bs)],
      ['pdf', await toPdf(bs, true)],
      ['pdf', await toPdf(bs, false)],
    ];
    for (const [format, bytes] of inputs) {
      const read = await readInput(bytes, `page.${format}`);
      assert.equal(read.format, format);
      assert.deepEqual(facts(parseAgendaText(read.text)), expected, `${format} differs:\n${read.text}`);
    }
  });
}
