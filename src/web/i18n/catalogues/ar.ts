// Arabic: the fourth interface language, written right to left (<html dir="rtl">).
import type { Catalogue } from './en.ts';

export const ar: Catalogue = {};
