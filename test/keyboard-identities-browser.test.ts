// Identities and translations by keyboard alone (issue 9), in Debian's Chromium, on every engine of
// PLENARY_TEST_ENGINES, each walk ending in what the public site answers: two persons merged (the
// merged one's address then answers 301 to the survivor's, in English and French) and the merge
// undone (the address answers 200 again, with its appearance); two organizations merged and undone
// likewise; a person split (refused first when every appearance is chosen, then two of four chosen
// with the space bar: those two, and only those, belong to the new person, in the working and the
// published copy and on the new person's public page); the translation forms (the series'
// description, the event's overview of two paragraphs typed with Enter inside the text area and one
// of its themes in French, then a session's title in Spanish reached by the form's language link),
// published and read on /fr and /es. Only the workspace's address is typed; every other page is
// reached by a link or a form with Tab, typing, arrows, Space and Enter (test/keyboard-kit.ts checks
// that every control focused shows its focus, and goes around the pages where something is chosen).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { chromiumMissing } from './browser-kit.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { adminWalk, follow, mergeByKeyboard, publishByKeyboard, send, signIn, tabAround, tabTo, toAppearance, toDashboard } from './keyboard-kit.ts';

if (chromiumMissing) {
  test('identities and translations by keyboard', { skip: chromiumMissing }, () => {});
} else {
  for (const engine of ENGINES) {
    describe(`identities and translations by keyboard alone in Chromium on ${engine}`, () => {
      test('merge and undo (persons, organizations) seen on the public site, a split of two appearances out of four, the French and Spanish forms published', async () => {
        const walk = await adminWalk(engine, 'plenary-keyboard-identities-');
        try {
          const { page, url } = walk;
          const db = walk.site.storage.db;
          // A second event, published: Laura Thompson twice (of the same organization as in the demo, so the same
          // person), and "L. Thompson" of "IOM", a person and an organization of their own.
          const iomAt = (name: string, organization: string) => person(name, { position: 'Deputy Director General', organization });
          await importAgenda(
            walk.site.storage,
            agenda([
              { date: '2018-10-09', sessions: [session({ title: 'Welcome', start: '09:00', end: '09:30', speakers: [iomAt('Laura Thompson', 'International Organization for Migration')] })] },
              {
                date: '2018-10-10',
                sessions: [
                  session({ title: 'Labour mobility', start: '10:00', end: '11:00', moderators: [iomAt('Laura Thompson', 'International Organization for Migration')] }),
                  session({ title: 'Wrap-up', start: '16:00', end: '16:30', speakers: [iomAt('L. Thompson', 'IOM')] }),
                ],
              },
            ]),
            { series: { slug: 'idm-geneva', title: 'IDM in Geneva' }, event: { slug: 'idm-2018-geneva', title: 'IDM 2018, Geneva', timeZone: 'Europe/Zurich' } },
            { publish: true },
          );
          const idOf = async (table: 'person' | 'organization', slug: string) => (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
          const laura = { id: await idOf('person', 'laura-thompson'), name: 'Laura Thompson' };
          const lt = { id: await idOf('person', 'l-thompson'), name: 'L. Thompson' };
          const iomFull = { id: await idOf('organization', 'international-organization-for-migration'), name: 'International Organization for Migration' };
          const iom = { id: await idOf('organization', 'iom'), name: 'IOM' };
          const demo = await db.selectFrom('event').select(['id', 'slug']).where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow();
          /** Laura Thompson's appearances (or another person's), by session title, in the working or the published copy. */
          const appearancesOf = async (personId: number, copy: 'appearance' | 'pub_appearance' = 'appearance') =>
            (await db.selectFrom(`${copy} as a`).innerJoin('session as s', 's.id', 'a.session_id').select(['a.id', 's.title']).where('a.person_id', '=', personId).orderBy('a.id').execute()).map((r) => `${r.id} ${r.title}`);
          const lauraBefore = await appearancesOf(laura.id);
          assert.equal(lauraBefore.length, 4);
          const ltBefore = await appearancesOf(lt.id);
          const panel6 = await db.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').select(['a.id', 's.id as session']).where('a.person_id', '=', laura.id).where('s.title', 'like', 'Implementing the Global Compact%').executeTakeFirstOrThrow();
          /** How the public site answers an address: its status and where it leads. */
          const answer = async (path: string) => {
            const r = await fetch(url(path), { redirect: 'manual' });
            return { status: r.status, location: r.headers.get('location') };
          };
          const publicText = async (path: string) => {
            const r = await fetch(url(path));
            assert.equal(r.status, 200, path);
            return await r.text();
          };

          await signIn(page, walk.site.base, walk.email);

          // ---- L. Thompson merged into Laura Thompson, from Laura Thompson's page reached through her moderation of Panel 6.
          await toAppearance(page, walk.site.base, { event: demo.id, session: panel6.session, appearance: panel6.id });
          assert.equal(await follow(page, `a[href="/admin/persons/${laura.id}"]`), 200);
          const merge = await mergeByKeyboard(page, walk.site.base, 'persons', laura, lt, 'thompson');
          await tabAround(page);
          assert.deepEqual(await appearancesOf(laura.id), [...lauraBefore, ...ltBefore].sort((a, b) => parseInt(a) - parseInt(b)));
          assert.deepEqual(await appearancesOf(laura.id, 'pub_appearance'), [...lauraBefore, ...ltBefore].sort((a, b) => parseInt(a) - parseInt(b)));
          assert.deepEqual(await answer('/people/l-thompson'), { status: 301, location: '/people/laura-thompson' });
          assert.deepEqual(await answer('/fr/people/l-thompson?x=1'), { status: 301, location: '/fr/people/laura-thompson?x=1' });
          assert.ok((await publicText('/people/laura-thompson')).includes('Wrap-up'));
          // Undone from the merge's line: L. Thompson's address answers again, with the appearance.
          await tabTo(page, 'button', 'Undo this merge');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/persons/${lt.id}?unmerged=1`));
          assert.deepEqual(await appearancesOf(lt.id), ltBefore);
          assert.deepEqual(await appearancesOf(laura.id), lauraBefore);
          assert.equal((await answer('/people/l-thompson')).status, 200);
          assert.ok((await publicText('/people/l-thompson')).includes('Wrap-up'));
          assert.ok(!(await publicText('/people/laura-thompson')).includes('Wrap-up'));
          assert.equal((await db.selectFrom('identity_merge').select('undone_at').where('id', '=', merge).executeTakeFirstOrThrow()).undone_at !== null, true);

          // ---- IOM merged into International Organization for Migration, from the latter's page reached through the same appearance.
          await toDashboard(page, walk.site.base);
          await toAppearance(page, walk.site.base, { event: demo.id, session: panel6.session, appearance: panel6.id });
          assert.equal(await follow(page, `a[href="/admin/organizations/${iomFull.id}"]`), 200);
          await mergeByKeyboard(page, walk.site.base, 'organizations', iomFull, iom, 'IOM');
          assert.deepEqual(await answer('/organizations/iom'), { status: 301, location: '/organizations/international-organization-for-migration' });
          assert.deepEqual(await answer('/es/organizations/iom'), { status: 301, location: '/es/organizations/international-organization-for-migration' });
          await tabTo(page, 'button', 'Undo this merge');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/organizations/${iom.id}?unmerged=1`));
          assert.equal((await answer('/organizations/iom')).status, 200);

          // ---- Laura Thompson split: every appearance chosen is refused; then her two of the Geneva event go to a new person.
          await toDashboard(page, walk.site.base);
          await toAppearance(page, walk.site.base, { event: demo.id, session: panel6.session, appearance: panel6.id });
          assert.equal(await follow(page, `a[href="/admin/persons/${laura.id}"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/persons/${laura.id}/split"]`), 200);
          await tabAround(page);
          const boxes = lauraBefore.map((a) => `#f-a${parseInt(a)}`);
          for (const box of boxes) {
            await tabTo(page, box);
            await page.keyboard.press('Space');
          }
          await tabTo(page, 'button', 'Move the chosen appearances to a new person');
          assert.equal(await send(page), 400);
          assert.equal(await page.textContent('p.error[role="alert"]'), 'every appearance was chosen: leave at least one with this person (to give them another name, edit the person instead)');
          await tabAround(page);
          const geneva = lauraBefore.filter((a) => / (Welcome|Labour mobility)$/.test(a));
          assert.equal(geneva.length, 2);
          for (const a of geneva) {
            await tabTo(page, `#f-a${parseInt(a)}`);
            await page.keyboard.press('Space');
          }
          assert.deepEqual(await Promise.all(boxes.map((b) => page.isChecked(b))), lauraBefore.map((a) => geneva.includes(a)));
          // Enter in the name field sends the form (the field keeps the name it was given).
          await tabTo(page, '#f-name');
          assert.equal(await page.inputValue('#f-name'), 'Laura Thompson');
          assert.equal(await send(page), 200);
          const split = await db.selectFrom('person').select(['id', 'name']).where('slug', '=', 'laura-thompson-2').executeTakeFirstOrThrow();
          assert.equal(page.url(), url(`/admin/persons/${split.id}?split=1`));
          assert.equal(split.name, 'Laura Thompson');
          assert.deepEqual(await appearancesOf(split.id), geneva);
          assert.deepEqual(await appearancesOf(split.id, 'pub_appearance'), geneva);
          assert.deepEqual(await appearancesOf(laura.id), lauraBefore.filter((a) => !geneva.includes(a)));
          const splitPage = await publicText('/people/laura-thompson-2');
          assert.ok(splitPage.includes('Labour mobility') && splitPage.includes('Welcome') && !splitPage.includes('Implementing the Global Compact'));

          // ---- Translations: the series' French description, the event's French overview (two paragraphs) and second
          // theme, then, by the form's link to Spanish, Panel 6's Spanish title; published; read on /fr and /es.
          await toDashboard(page, walk.site.base);
          const series = 'international-dialogue-on-migration';
          assert.equal(await follow(page, `a[href="/admin/series/${series}/edit"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/series/${series}/translations/fr"]`), 200);
          await tabTo(page, '#f-series-description');
          await page.keyboard.type('Le forum des États membres de l’OIM sur la gouvernance des migrations.');
          await tabTo(page, 'button', 'Save the translations');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/series/${series}/translations/fr?saved=1`));
          assert.equal(await follow(page, `a[href="/admin/series/${series}/edit"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}/translations/fr"]`), 200);
          await tabAround(page);
          await tabTo(page, '#f-event-overview');
          await page.keyboard.type('Le premier atelier de 2017 s’est tenu à New York.');
          await page.keyboard.press('Enter');
          await page.keyboard.press('Enter');
          await page.keyboard.type('Il a préparé le pacte mondial.');
          assert.equal(page.url(), url(`/admin/events/${demo.id}/translations/fr`), 'Enter in the text area writes a new line, it sends nothing');
          await tabTo(page, '#f-event-theme-1');
          await page.keyboard.type('Approches mobilisant l’ensemble des pouvoirs publics et de la société');
          await tabTo(page, 'button', 'Save the translations');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/events/${demo.id}/translations/fr?saved=1`));
          assert.equal(await page.textContent('p[role="status"].saved'), 'Saved.');
          const translations = async (table: 'event' | 'session' | 'series', id: number) => JSON.parse((await db.selectFrom(table).select('translations').where('id', '=', id).executeTakeFirstOrThrow()).translations) as unknown;
          assert.deepEqual(await translations('event', demo.id), {
            overview: { fr: 'Le premier atelier de 2017 s’est tenu à New York.\n\nIl a préparé le pacte mondial.' },
            'theme:Whole-of-government and whole-of-society approaches': { fr: 'Approches mobilisant l’ensemble des pouvoirs publics et de la société' },
          });
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}/translations/es"]`), 200);
          await tabTo(page, `#f-session-${panel6.session}-title`);
          await page.keyboard.type('Aplicar el pacto mundial');
          await tabTo(page, 'button', 'Save the translations');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/events/${demo.id}/translations/es?saved=1`));
          assert.deepEqual(await translations('session', panel6.session), { title: { es: 'Aplicar el pacto mundial' } });
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}"]`), 200);
          assert.equal(await publishByKeyboard(page, walk.site.base, demo.id, 'French and Spanish texts'), 2);

          // The public pages, reached from the event's workspace page by its public link and the language switch.
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}"]`), 200);
          assert.equal(await follow(page, `a[href="/events/${demo.slug}"]`), 200);
          assert.equal(await follow(page, `a[href="/fr/events/${demo.slug}"]`), 200);
          assert.deepEqual(await page.$$eval('section[aria-labelledby="overview"] p', (ps) => ps.map((p) => p.textContent)), ['Le premier atelier de 2017 s’est tenu à New York.', 'Il a préparé le pacte mondial.']);
          assert.deepEqual((await page.$$eval('section[aria-labelledby="themes"] li', (ls) => ls.map((l) => l.textContent)))[1], 'Approches mobilisant l’ensemble des pouvoirs publics et de la société');
          assert.equal(await follow(page, `a[href="/es/events/${demo.slug}"]`), 200);
          assert.ok((await page.textContent('main'))?.includes('Aplicar el pacto mundial'));
          assert.ok((await publicText(`/fr/series/${series}`)).includes('Le forum des États membres de l’OIM sur la gouvernance des migrations.'));
          assert.ok(!(await publicText(`/series/${series}`)).includes('Le forum des États membres'));
        } finally {
          await walk.close();
        }
      });
    });
  }
}
