#!/usr/bin/env node
// Runs the listed test files. Node 20 neither expands globs nor finds .ts tests by itself,
// and a run with no files passes silently, so every file is named here and must exist.
// usage: node test/run.mjs [all|storage]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Tests that touch the database: they loop over PLENARY_TEST_ENGINES.
const STORAGE = ['test/storage.test.ts', 'test/representation.test.ts', 'test/representation-years.test.ts', 'test/accounts.test.ts', 'test/route-guard.test.ts', 'test/editing.test.ts', 'test/web.test.ts', 'test/calendar.test.ts', 'test/organizer.test.ts', 'test/jsonld.test.ts', 'test/schedule.test.ts', 'test/convener.test.ts', 'test/api.test.ts', 'test/backup.test.ts', 'test/restore.test.ts', 'test/migrate.test.ts', 'test/files.test.ts', 'test/materials.test.ts', 'test/large-upload.test.ts', 'test/pg-faults.test.ts', 'test/cache-budget.test.ts', 'test/bidi-controls.test.ts', 'test/import-likeness.test.ts', 'test/stable-ids.test.ts', 'test/scoped-cache.test.ts', 'test/reimport.test.ts', 'test/rejections.test.ts', 'test/affiliation.test.ts', 'test/api-writes.test.ts', 'test/deleting.test.ts', 'test/clashes.test.ts', 'test/access-admin.test.ts', 'test/concurrent-fields.test.ts', 'test/releases.test.ts', 'test/browser-import.test.ts', 'test/speaker-links.test.ts', 'test/slugs.test.ts', 'test/demo-archive.test.ts', 'test/search.test.ts', 'test/search-archive.test.ts', 'test/search-scale.test.ts', 'test/identities.test.ts', 'test/viewer-zone.test.ts', 'test/country-names.test.ts', 'test/content-languages.test.ts', 'test/series-translations.test.ts', 'test/api-languages.test.ts', 'test/client-languages.test.ts', 'test/interface-languages.test.ts', 'test/form-errors.test.ts', 'test/refusal-languages.test.ts', 'test/arabic-digits.test.ts', 'test/punctuation.test.ts', 'test/publications.test.ts', 'test/upload-kinds.test.ts', 'test/workspace-details.test.ts', 'test/search-facets.test.ts', 'test/public-counts.test.ts', 'test/list-totals.test.ts', 'test/workspace-languages.test.ts', 'test/import-report-languages.test.ts', 'test/rare-refusals-languages.test.ts', 'test/workspace-guarantees.test.ts', 'test/search-restore.test.ts', 'test/search-affiliations.test.ts', 'test/as-printed.test.ts', 'test/reimport-materials.test.ts', 'test/material-conflicts.test.ts', 'test/import-bulk.test.ts', 'test/name-keys.test.ts', 'test/search-upkeep.test.ts', 'test/search-pairs-drift.test.ts', 'test/grouped-counts.test.ts', 'test/localized-links.test.ts', 'test/import-retry.test.ts', 'test/import-save-race.test.ts', 'test/bulk-update-rows.test.ts'];

const UNIT = [
  'test/number-path.test.ts',
  'test/cli-help.test.ts',
  'test/pseudo-locale.test.ts',
  'src/domain/names.test.ts',
  'src/domain/search-fold.test.ts',
  'src/web/i18n/import-warnings.test.ts',
  'src/web/views/format.test.ts',
  'src/domain/translations.test.ts',
  'src/domain/country.test.ts',
  'src/domain/region.test.ts',
  'src/domain/representation.test.ts',
  'src/domain/time.test.ts',
  'src/operations/materials.test.ts',
  'src/domain/likeness.test.ts',
  'src/domain/identity.test.ts',
  'src/domain/slug.test.ts',
  'src/domain/text.test.ts',
  'src/domain/clashes.test.ts',
  'src/importer/times.test.ts',
  'src/importer/days.test.ts',
  'src/importer/parse-text.test.ts',
  'src/importer/real-pages.test.ts',
  'src/importer/extract-html.test.ts',
  'src/importer/fixtures.test.ts',
  'src/importer/read-input.test.ts',
  'src/importer/clean-text.test.ts',
  'src/importer/page-language.test.ts',
  'src/exports/ical.test.ts',
  'src/exports/frab.test.ts',
  'src/exports/jsonld.test.ts',
  'src/exports/participants.test.ts',
  'src/web/page-cache.test.ts',
  'test/render-context.test.ts',
  'test/seed-import.test.ts',
  'test/formats.test.ts',
  'test/regex-safety.test.ts',
  'test/cli.test.ts',
  'test/import-formats.test.ts',
  'test/import-hostile.test.ts',
  'test/sqlite-writers.test.ts',
  'test/serve-config.test.ts',
  'test/catalogues.test.ts',
  'test/catalogue-discovery.test.ts',
  'test/plurals.test.ts',
  'test/demo-archive-terminal.test.ts',
  'test/switch-links.test.ts',
  'test/alternates.test.ts',
];

const BROWSER = ['test/browser.test.ts', 'test/representation-browser.test.ts', 'test/publication-browser.test.ts', 'test/admin-browser.test.ts', 'test/print.test.ts', 'test/organizer-journey.test.ts', 'test/release-browser.test.ts', 'test/browser-import-chromium.test.ts', 'test/speaker-link-browser.test.ts', 'test/paging-browser.test.ts', 'test/viewer-zone-browser.test.ts', 'test/content-languages-browser.test.ts', 'test/interface-languages-browser.test.ts', 'test/every-page-browser.test.ts', 'test/keyboard-workspace-browser.test.ts', 'test/keyboard-admin-walks-browser.test.ts', 'test/keyboard-identities-browser.test.ts', 'test/keyboard-import-links-browser.test.ts'];

// Browser and command-line tests that also loop over PLENARY_TEST_ENGINES: `npm test` runs them on
// SQLite from UNIT and BROWSER above; `npm run test:pg` (the storage set) runs them on PostgreSQL too.
const ALSO_ON_PG = ['test/organizer-journey.test.ts', 'test/admin-browser.test.ts', 'test/cli.test.ts', 'test/keyboard-workspace-browser.test.ts', 'test/keyboard-admin-walks-browser.test.ts', 'test/keyboard-identities-browser.test.ts', 'test/keyboard-import-links-browser.test.ts'];

const which = process.argv[2] ?? 'all';
const files = which === 'storage' ? [...STORAGE, ...ALSO_ON_PG] : which === 'all' ? [...UNIT, ...STORAGE, ...BROWSER] : null;
if (!files) {
  console.error(`test/run.mjs: unknown set "${which}" (all or storage)`);
  process.exit(2);
}
const missing = files.filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`test/run.mjs: listed test files are missing: ${missing.join(', ')}`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...process.argv.slice(3), ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
