import type { Card } from './card.ts';

export const CONNECTOR_NAME = 'Okta Identity Governance (OIG) connector bundle';

/** Scopes every card in `cards` needs, sorted: what to grant on the Okta Workflows OAuth app. */
export function scopeUnion(cards: readonly Card[]): string[] {
  return [...new Set(cards.flatMap((c) => c.scopes))].sort();
}

export function connectorManifest(cards: readonly Card[], version: string) {
  const families = [...new Set(cards.map((c) => c.family))];
  return {
    name: CONNECTOR_NAME,
    version,
    description:
      'Action cards for Okta Identity Governance: security access reviews, access requests, labels and more. Runs over the Okta connection a Workflows flow already has.',
    auth: {
      type: 'okta-workflows-oauth',
      connection: 'Okta connector (the org\'s Okta Workflows OAuth app)',
      note: 'Grant these scopes on the Okta Workflows OAuth app (Okta API Scopes tab), then re-authorize the Okta connection.',
      scopes: scopeUnion(cards),
    },
    families: families.map((family) => ({ family, cards: cards.filter((c) => c.family === family).length })),
    cards: cards.map((c) => ({
      id: c.id,
      title: c.title,
      family: c.family,
      lifecycle: c.lifecycle,
      method: c.method,
      path: c.path,
      scopes: c.scopes,
      card: `cards/${c.id}.json`,
      schemas: c.schemas,
    })),
  };
}
