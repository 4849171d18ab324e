// The public reads the published copies of the programme tables (migration 0009): the same
// queries run against pub_event, pub_day, pub_session, pub_appearance and pub_material through a
// Kysely plugin that renames those five tables wherever a query names them (FROM, JOIN, a
// qualified column, sql.table). Series, persons, organizations and files are shared and read as
// they are. A query that must show only what was released takes `published(db)`; the workspace
// keeps the plain `db`, the working copy.
import {
  IdentifierNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type SchemableIdentifierNode,
  type UnknownRow,
} from 'kysely';
import type { DbOrTx } from './database.ts';

/** The working tables and their published copies. */
export const PUBLISHED_TABLES = { event: 'pub_event', day: 'pub_day', session: 'pub_session', appearance: 'pub_appearance', material: 'pub_material' } as const;
const RENAMES: Record<string, string> = PUBLISHED_TABLES;

class PublishedTables extends OperationNodeTransformer {
  protected override transformSchemableIdentifier(node: SchemableIdentifierNode, queryId?: QueryId): SchemableIdentifierNode {
    const t = super.transformSchemableIdentifier(node, queryId);
    const to = RENAMES[t.identifier.name];
    return to ? { ...t, identifier: IdentifierNode.create(to) } : t;
  }
}

class PublishedPlugin implements KyselyPlugin {
  private readonly transformer = new PublishedTables();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const plugin = new PublishedPlugin();
const PUBLISHED = Symbol('published');

/** The same database, reading the published copies: what the public sees. Idempotent. */
export function published<T extends DbOrTx>(db: T): T {
  if ((db as unknown as Record<symbol, boolean>)[PUBLISHED]) return db;
  const p = db.withPlugin(plugin) as T;
  Object.defineProperty(p, PUBLISHED, { value: true });
  return p;
}
