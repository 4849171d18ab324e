// citation-js ships no types: the little of it that exports/citation.ts and the tests use.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    static async(data: unknown, options?: Record<string, unknown>): Promise<Cite>;
    data: Array<Record<string, any>>;
    format(format: string, options?: Record<string, unknown>): string | object;
  }
  export const plugins: { input: unknown; output: unknown; config: { get(name: string): any } };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
