// Links given for a material (a statement online, a video): followed from public pages.
import { z } from 'zod';

/** An http or https address; anything else (javascript:, data:, file:) would run or read something on the reader's side. */
export const materialUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).max(2048);
