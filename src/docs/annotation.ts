/**
 * Annotation comments: `<!-- { "blockType": "request", "name": "get_user" } -->` before a code fence
 * (survey §2). They are read with the lenient JSON parser (trailing commas, bare keys, raw
 * newlines all occur) and their flags accept the string forms `"true"` the docs also use.
 */
import { parseLenientJson, type Repair } from './lenient-json';

export interface Annotation {
  blockType: string | null;
  data: Record<string, unknown>;
  repairs: Repair[];
}

export type AnnotationResult =
  | { kind: 'annotation'; annotation: Annotation }
  | { kind: 'invalid'; message: string }
  | { kind: 'not-json' };

export function parseAnnotation(commentText: string): AnnotationResult {
  const text = commentText.trim();
  if (!text.startsWith('{')) return { kind: 'not-json' };
  const parsed = parseLenientJson(text);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'invalid', message: 'not a JSON object' };
  const data = value as Record<string, unknown>;
  const blockType = typeof data['blockType'] === 'string' ? data['blockType'] : null;
  return { kind: 'annotation', annotation: { blockType, data, repairs: parsed.repairs } };
}

/** A boolean flag that may be written `true` or `"true"`; `stringy` is set when it was a string. */
export function flag(data: Record<string, unknown>, key: string): { value: boolean; stringy: boolean } {
  const raw = data[key];
  if (typeof raw === 'boolean') return { value: raw, stringy: false };
  if (typeof raw === 'string') return { value: raw.trim().toLowerCase() === 'true', stringy: true };
  return { value: false, stringy: false };
}

/** The annotation `name`, which is sometimes a list (`beta/api/drive-get.md:226`). */
export function annotationName(data: Record<string, unknown>): string | null {
  const raw = data['name'] ?? data['id'];
  if (typeof raw === 'string') return raw.trim() || null;
  if (Array.isArray(raw)) {
    const first = raw.find((v): v is string => typeof v === 'string');
    return first?.trim() || null;
  }
  return null;
}
