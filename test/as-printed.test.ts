// Honorifics and positions are shown as printed, in every interface language (issue 13): the
// event page under /, /fr/, /es/ and /ar/ shows each appearance's honorific and position exactly as
// stored (as the agenda printed them), never translated. Through the running server; every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { http } from './http-client.ts';
import { demoSite } from './server.ts';
import { INTERFACE_LANGUAGES } from '../src/interface-languages.ts';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

for (const engine of (process.env.PLENARY_TEST_ENGINES ?? 'sqlite').split(',')) {
  describe(`honorifics and positions as printed on ${engine}`, () => {
    test('every honorific and position of the seed event shows unchanged in English, French, Spanish and Arabic', async () => {
      const site = await demoSite(engine as 'sqlite' | 'postgres');
      try {
        const rows = await site.storage.db
          .selectFrom('pub_appearance as a')
          .innerJoin('person as p', 'p.id', 'a.person_id')
          .select(['p.name', 'a.honorific', 'a.affiliation_position as position'])
          .where((eb) => eb.or([eb('a.honorific', 'is not', null), eb('a.affiliation_position', 'is not', null)]))
          .execute();
        const honorifics = new Set(rows.flatMap((r) => (r.honorific ? [r.honorific] : [])));
        // The seed prints honorifics such as these after the names; they must come through as they are.
        assert.ok(honorifics.has('Msgr.') && honorifics.has('Maj.Gen. (RTd)'), [...honorifics].join(' | '));
        assert.ok(rows.filter((r) => r.position).length >= 20, `${rows.filter((r) => r.position).length} appearances with a position`);
        for (const lang of INTERFACE_LANGUAGES) {
          const r = await http('GET', `${site.base}${lang === 'en' ? '' : `/${lang}`}/events/idm-2017-new-york`);
          assert.equal(r.status, 200);
          const missing = rows.flatMap((x) => [x.honorific, x.position].filter((v): v is string => !!v && !r.body.includes(escapeHtml(v))).map((v) => `${x.name}: ${v}`));
          assert.deepEqual(missing, [], `${lang}: shown otherwise than printed`);
        }
      } finally {
        await site.stop();
      }
    });
  });
}
