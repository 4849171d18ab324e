// Punctuation around interface text comes from the catalogue (issue 13): French puts a no-break space
// before a colon ("Table ronde 1 : …"), Arabic writes its own comma and semicolon ("،", "؛"). Exactly,
// over HTTP on every engine: the event page's session headings and venue line, and the representation
// charts' descriptions, in French and Arabic (English as before).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINES } from './engines.ts';
import { http } from './http-client.ts';
import { demoSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york';
const NBSP = '\u00a0';
const TITLE = 'Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made';

for (const engine of ENGINES) {
  describe(`punctuation in the reader's language on ${engine}`, () => {
    test('French no-break spaces and Arabic commas and semicolons, exactly', async () => {
      const site = await demoSite(engine);
      try {
        const fr = (await http('GET', `${site.base}/fr${EVENT}`)).body;
        assert.ok(fr.includes(`<h4>Table ronde 1${NBSP}: <span lang="en">${TITLE}</span></h4>`), 'the French heading');
        assert.ok(fr.includes(`aria-label="Table ronde 1${NBSP}: ${TITLE}"`), "the French session's name");
        assert.ok(fr.includes('United Nations Headquarters, 405 East 42nd Street, New York'));
        const ar = (await http('GET', `${site.base}/ar${EVENT}`)).body;
        assert.ok(ar.includes(`<h4>حلقة النقاش 1: <span lang="en" dir="ltr">${TITLE}</span></h4>`), 'the Arabic heading');
        assert.ok(ar.includes('United Nations Headquarters، 405 East 42nd Street، New York'), 'the venue with Arabic commas');
        const en = (await http('GET', `${site.base}${EVENT}`)).body;
        assert.ok(en.includes(`<h4>Panel 1: <span lang="en">${TITLE}</span></h4>`) || en.includes(`<h4>Panel 1: ${TITLE}</h4>`), 'English as before');
        assert.ok(en.includes('United Nations Headquarters, 405 East 42nd Street, New York'));

        // A chart's description: "label : value ; label : value" in French, "label: value؛ label: value" in Arabic.
        const desc = (html: string) => /<desc[^>]*>([^<]*)<\/desc>/.exec(html)?.[1] ?? '';
        const frRep = desc((await http('GET', `${site.base}/fr${EVENT}/representation`)).body);
        const arRep = desc((await http('GET', `${site.base}/ar${EVENT}/representation`)).body);
        assert.match(frRep, new RegExp(`^[^:;]+${NBSP}: [^:;]+(?:${NBSP}; [^:;]+${NBSP}: [^:;]+)+$`), frRep);
        assert.match(arRep, /^[^:؛;]+: [^:؛;]+(?:؛ [^:؛;]+: [^:؛;]+)+$/, arRep);
      } finally {
        await site.stop();
      }
    });
  });
}
