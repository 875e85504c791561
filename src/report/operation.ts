/**
 * What an interaction exercises, as people name it: the documented operation
 * (`GET /v1.0/users/{id}`) and the page that documents it.
 */
import { formatSource, type SourceRef } from '../contract/diagnostics';
import type { InteractionResult } from './model';

/**
 * The documented path template of a pact interaction: its provider-state path generator's
 * expression (`/v1.0/users/${id}`) written as the docs write templates (`/v1.0/users/{id}`), or
 * the path itself when the pact has none (a path without parameters).
 */
export function pathTemplate(path: string, generator: { type?: string; expression?: string } | undefined): string {
  if (generator?.type === 'ProviderState' && typeof generator.expression === 'string') return generator.expression.replace(/\$\{([^}]*)\}/g, '{$1}');
  return path;
}

/** `METHOD /path/{template}`: the key of an operation in reports. */
export function operationOf(interaction: Pick<InteractionResult, 'method' | 'template'>): string {
  return `${interaction.method} ${interaction.template}`;
}

/** The documenting page: the key's page part (`docs/api/user-get.md#get_user`), else the documented source's file. */
export function pageOf(interaction: Pick<InteractionResult, 'key' | 'source'>): string | null {
  if (interaction.key !== null && interaction.key.includes('#')) return interaction.key.slice(0, interaction.key.lastIndexOf('#'));
  return interaction.source?.file ?? null;
}

/** Where the docs show an interaction or example, as people read it (`docs/api/user-get.md:40:1`); null when unknown. */
export function sourceText(item: { source: SourceRef | null }): string | null {
  return item.source === null ? null : formatSource(item.source);
}
