// The shape of the tables as Kysely sees them. Dates are ISO strings (UTC for timestamps).
import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

export interface SeriesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  lang: string;
  description: string | null;
  /** JSON: field → language → text, the texts entered in other languages than `lang`, the original (migration 0015; domain/translations.ts) */
  translations: Generated<string>;
  /** the organization that convenes the series (organization.id), if recorded */
  convener_id: number | null;
  /** stable across renames: calendar UIDs, frab guids, JSON-LD ids (migration 0007; the database fills it) */
  uuid: Generated<string>;
  created_at: string;
  updated_at: string;
  /** one more with every edit; a save names the version it was made from (migration 0006) */
  version: Generated<number>;
}

export interface EventTable {
  id: Generated<number>;
  series_id: number;
  slug: string;
  title: string;
  lang: string;
  start_date: string;
  end_date: string;
  venue: string | null;
  /** street and number, one line */
  address: string | null;
  city: string | null;
  country_code: string | null;
  time_zone: string;
  overview: string | null;
  /** JSON array of strings */
  themes: string;
  /** JSON: field → language → text, the texts entered in other languages than `lang`, the original (migration 0015; domain/translations.ts) */
  translations: Generated<string>;
  contact_email: string | null;
  status: 'draft' | 'published';
  /** stable across renames: calendar UIDs, frab guids, JSON-LD ids (migration 0007; the database fills it) */
  uuid: Generated<string>;
  /** the frab room's guid (migration 0007) */
  room_uuid: Generated<string>;
  created_at: string;
  updated_at: string;
  /** one more with every edit; a save names the version it was made from (migration 0006) */
  version: Generated<number>;
}

export interface DayTable {
  id: Generated<number>;
  event_id: number;
  position: number;
  date: string;
  label: string | null;
  /** one more with every edit; a save names the version it was made from (migration 0006) */
  version: Generated<number>;
}

export interface SessionTable {
  id: Generated<number>;
  event_id: number;
  day_id: number;
  position: number;
  kind: string;
  number: number | null;
  title: string | null;
  lang: string;
  start_time: string | null;
  end_time: string | null;
  /** JSON: field → language → text, the texts entered in other languages than `lang`, the original (migration 0015; domain/translations.ts) */
  translations: Generated<string>;
  /** stable across renames: calendar UIDs, frab guids, JSON-LD ids (migration 0007; the database fills it) */
  uuid: Generated<string>;
  /** one more with every edit; a save names the version it was made from (migration 0006) */
  version: Generated<number>;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** the normalised key of `name`; not unique: two people may share a name (migration 0012); matching goes through person_alias */
  name_key: string;
  honorific: string | null;
  /** female, male, another (their own term in gender_term), not-known (the default), declined: personal data, public only as counts (migration 0016; domain/gender.ts) */
  gender: Generated<string>;
  gender_term: string | null;
  /** stable across renames: calendar UIDs, frab guids, JSON-LD ids (migration 0007; the database fills it) */
  uuid: Generated<string>;
  created_at: string;
  updated_at: string;
  /** one more with every edit; a save names the version it was made from (migration 0006) */
  version: Generated<number>;
}

export interface OrganizationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** the normalised key of `name`; not unique (migration 0012); matching goes through organization_alias */
  name_key: string;
  kind: string;
  country_code: string | null;
  /** 0 while `kind` is the importer's guess, 1 once an editor set or confirmed it (migration 0012) */
  kind_confirmed: Generated<number>;
  /** stable across renames: calendar UIDs, frab guids, JSON-LD ids (migration 0007; the database fills it) */
  uuid: Generated<string>;
  created_at: string;
  updated_at: string;
  /** one more with every edit; a save names the version it was made from (migration 0006) */
  version: Generated<number>;
}

/** A name a person is known by, their own included (migration 0012). */
export interface PersonAliasTable {
  id: Generated<number>;
  person_id: number;
  name: string;
  name_key: string;
  /** 'name' (the record's own name, now or before a rename), 'import', 'editor', 'merge' */
  source: string;
  created_at: string;
}

/** A name an organization is known by, its own included (migration 0012). */
export interface OrganizationAliasTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  name_key: string;
  source: string;
  created_at: string;
}

/** A slug a record answered to before: answered with a 301 to the record's current address (migration 0012). */
export interface SlugRedirectTable {
  /** 'series', 'event', 'person', 'organization' */
  entity: string;
  slug: string;
  target_id: number;
  created_at: string;
}

/** A merge of two persons or organizations, with what moved, so that it can be undone (migration 0012). */
export interface IdentityMergeTable {
  id: Generated<number>;
  entity: 'person' | 'organization';
  survivor_id: number;
  merged_id: number;
  /** JSON: the merged record's row as it was */
  merged_row: string;
  /** JSON: the ids of what moved to the survivor */
  moved: string;
  account_id: number | null;
  created_at: string;
  undone_at: string | null;
  undone_by: number | null;
}

export interface AppearanceTable {
  id: Generated<number>;
  session_id: number;
  person_id: number;
  role: 'moderator' | 'speaker';
  role_label: string | null;
  position: number;
  honorific: string | null;
  affiliation_position: string | null;
  organization_id: number | null;
  country: string | null;
  country_code: string | null;
  talk_title: string | null;
  lang: string;
  /** one more with every edit; a save names the version it was made from (migration 0006) */
  version: Generated<number>;
}

export interface FileTable {
  id: string;
  sha256: string;
  media_type: string;
  size: number;
  original_name: string | null;
  created_at: string;
}

/** A file's bytes in chunks of FILE_CHUNK_BYTES (storage/queries/files.ts), numbered from 0 (migration 0005). */
export interface FileChunkTable {
  file_id: string;
  n: number;
  data: Uint8Array;
}

/** A photo's resized copy: a file of its own, `width` pixels wide (migration 0005). */
export interface FileVariantTable {
  file_id: string;
  width: number;
  variant_id: string;
}

export interface MaterialTable {
  id: Generated<number>;
  event_id: number;
  appearance_id: number | null;
  kind: string;
  label: string;
  lang: string;
  position: number;
  url: string | null;
  file_id: string | null;
  created_at: string;
  /** JSON: field → language → text, the texts entered in other languages than `lang`, the original (migration 0015; domain/translations.ts) */
  translations: Generated<string>;
  /** the original this material is another language's version of; null for an original (migration 0015) */
  original_id: number | null;
  /** one more with every save of its translations (migration 0015) */
  version: Generated<number>;
}

/**
 * One publication of an event (migration 0009): the published copies (pub_* tables, the same
 * columns as the working tables) hold the latest; `changes` is what it changed since the one before.
 */
export interface ReleaseTable {
  id: Generated<number>;
  event_id: number;
  number: number;
  note: string | null;
  account_id: number | null;
  created_at: string;
  /** JSON ReleaseChanges (domain/release.ts); null for the first release */
  changes: string | null;
}

export interface TranslationTable {
  entity: string;
  entity_id: number;
  field: string;
  lang: string;
  value: string;
}

export interface SiteStateTable {
  key: string;
  value: number;
}

export interface AccountTable {
  id: Generated<number>;
  /** lower case */
  email: string;
  /** scrypt$N$r$p$salt$hash (operations/password.ts) */
  password_hash: string;
  role: 'admin' | 'editor' | 'viewer';
  disabled_at: string | null;
  password_changed_at: string;
  created_at: string;
}

export interface AccountSeriesTable {
  account_id: number;
  series_id: number;
}

export interface AuthSessionTable {
  /** SHA-256 of the cookie's token, hex */
  id: string;
  account_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  /** SHA-256 of the token, hex */
  id: string;
  /** the token's first characters, shown in lists and used to revoke it */
  prefix: string;
  account_id: number;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** One row per write (storage/write.ts), keyed by the generation it moved to: the events whose pages it changed, as a JSON array, or NULL for every page (migration 0007). */
export interface CacheInvalidationTable {
  generation: number;
  events: string | null;
}

/** Who changed what and when (migration 0006): values before and after as JSON objects of the changed record's columns. */
export interface AuditEntryTable {
  id: Generated<number>;
  at: string;
  account_id: number | null;
  /** create, update, move, reorder, delete, revert */
  action: string;
  /** series, event, day, session, appearance, person, organization */
  entity: string;
  entity_id: number;
  series_id: number | null;
  before: string | null;
  after: string | null;
  /** the entry this one undid */
  reverted_entry_id: number | null;
  /** where the change came from besides the account's own form, e.g. "speaker link 3" (migration 0010) */
  source?: string | null;
}

/** A speaker's personal link to one appearance (migration 0010); the token is never stored. */
export interface SpeakerLinkTable {
  id: Generated<number>;
  appearance_id: number;
  /** SHA-256 of the token, hex */
  token_hash: string;
  expires_at: string;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
  /** when the speaker sent everything to the organizers: the link opens no more */
  used_at: string | null;
}

/** What a speaker sent through a link, waiting for an editor (status pending|approved|rejected). */
export interface SpeakerSubmissionTable {
  id: Generated<number>;
  link_id: number;
  /** material | correction */
  kind: string;
  /** JSON: a material's {kind, label}; a correction's proposed fields */
  payload: string;
  file_id: string | null;
  lang: string | null;
  status: string;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

/** An agenda uploaded in the workspace, waiting for the editor's corrections and confirmation (migration 0011). */
export interface ImportDraftTable {
  id: string;
  account_id: number;
  series_id: number;
  /** null: the confirmation makes a new event */
  event_id: number | null;
  source_name: string;
  format: string;
  /** JSON: the event stored into (operations/import-draft.ts DraftTarget) */
  target: string;
  /** JSON: the Agenda as read and corrected so far */
  agenda: string;
  /** JSON: the reader's warnings */
  warnings: string;
  created_at: string;
  expires_at: string;
}

/** A publication compiled from published records (migration 0017): one event, or a series' events of one year. */
export interface PublicationTable {
  id: Generated<number>;
  slug: string;
  series_id: number;
  /** set for a publication of one event */
  event_id: number | null;
  /** set for a publication of a series' year */
  year: number | null;
  title: string;
  subtitle: string | null;
  lang: string;
  /** Markdown (markdown-it, raw HTML off), in `lang` */
  foreword: string | null;
  summary: string | null;
  /** JSON: { "<material id>": "full" | "<excerpt>" } */
  excerpts: Generated<string>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** A frozen edition of a publication: its HTML and PDF are stored files whose bytes never change. */
export interface PublicationEditionTable {
  id: Generated<number>;
  publication_id: number;
  number: number;
  /** what changed since the edition before */
  note: string | null;
  account_id: number | null;
  created_at: string;
  html_file_id: string;
  pdf_file_id: string;
  /** JSON: operations/publications.ts EditionMetadata */
  metadata: string;
}

/**
 * Published appearances per person, organization and country (migration 0019): kept by triggers
 * on pub_appearance, a row only while the count is above zero. Derived: not in backups.
 */
export interface PublicPersonCountTable {
  person_id: number;
  appearances: number;
}
export interface PublicOrganizationCountTable {
  organization_id: number;
  appearances: number;
}
export interface PublicCountryCountTable {
  country_code: string;
  appearances: number;
}

export interface Database {
  series: SeriesTable;
  event: EventTable;
  day: DayTable;
  session: SessionTable;
  person: PersonTable;
  organization: OrganizationTable;
  person_alias: PersonAliasTable;
  organization_alias: OrganizationAliasTable;
  slug_redirect: SlugRedirectTable;
  identity_merge: IdentityMergeTable;
  appearance: AppearanceTable;
  file: FileTable;
  file_chunk: FileChunkTable;
  file_variant: FileVariantTable;
  material: MaterialTable;
  translation: TranslationTable;
  site_state: SiteStateTable;
  account: AccountTable;
  account_series: AccountSeriesTable;
  api_token: ApiTokenTable;
  release: ReleaseTable;
  pub_event: EventTable;
  pub_day: DayTable;
  pub_session: SessionTable;
  pub_appearance: AppearanceTable;
  pub_material: MaterialTable;
  public_person_count: PublicPersonCountTable;
  public_organization_count: PublicOrganizationCountTable;
  public_country_count: PublicCountryCountTable;
  auth_session: AuthSessionTable;
  login_throttle: LoginThrottleTable;
  audit_entry: AuditEntryTable;
  speaker_link: SpeakerLinkTable;
  speaker_submission: SpeakerSubmissionTable;
  cache_invalidation: CacheInvalidationTable;
  import_draft: ImportDraftTable;
  publication: PublicationTable;
  publication_edition: PublicationEditionTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

export type SeriesRow = Selectable<SeriesTable>;
export type EventRow = Selectable<EventTable>;
export type DayRow = Selectable<DayTable>;
export type SessionRow = Selectable<SessionTable>;
export type PersonRow = Selectable<PersonTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type AppearanceRow = Selectable<AppearanceTable>;
export type MaterialRow = Selectable<MaterialTable>;
export type NewEvent = Insertable<EventTable>;
