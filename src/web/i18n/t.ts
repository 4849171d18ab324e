import type { Language } from '../../domain/language.ts';
import { CATALOGUES, type MessageKey } from './messages.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Language): Translate {
  const cat: Partial<Record<MessageKey, string>> = CATALOGUES[lang];
  return (key, params) => {
    const template = cat[key] ?? CATALOGUES.en[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
