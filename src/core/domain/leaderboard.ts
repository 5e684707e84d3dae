// Leaderboard maths: a member's score is the weighted mean of their capped attainments over their
// role's objectives (quality KPIs included), so members of different roles compare on the same scale;
// objectives without an attainment are left out of both sums. Ranking is competition ranking (1, 1, 3)
// and movement is the previous rank minus the current one (positive = moved up).
import { DEFAULT_ATTAINMENT_CAP } from './attainment.js';

export interface WeightedAttainment {
  readonly weight: number;
  readonly attainment: number | null;
}

// Scores are sums of products of floats: two members with the same figures may differ in the last bits.
const TIE_EPSILON = 1e-9;

/** Weighted mean of capped attainments; null when no objective has both a value and a positive weight. */
export function memberScore(items: readonly WeightedAttainment[], cap: number = DEFAULT_ATTAINMENT_CAP): number | null {
  let num = 0;
  let den = 0;
  for (const { weight, attainment } of items) {
    if (attainment === null || !(weight > 0)) continue;
    num += weight * Math.min(attainment, cap);
    den += weight;
  }
  return den > 0 ? num / den : null;
}

/** Competition ranks by descending score; members without a score are not ranked (absent from the map). */
export function rankScores(entries: readonly { id: string; score: number | null }[]): Map<string, number> {
  const scored = entries
    .filter((e): e is { id: string; score: number } => e.score !== null)
    .sort((a, b) => b.score - a.score);
  const ranks = new Map<string, number>();
  scored.forEach((e, i) => {
    const prev = scored[i - 1];
    const rank = prev && prev.score - e.score < TIE_EPSILON ? ranks.get(prev.id)! : i + 1;
    ranks.set(e.id, rank);
  });
  return ranks;
}

/** Places gained since the previous ranking (positive = up); null when either rank is missing. */
export function rankMovement(previousRank: number | null | undefined, rank: number | null): number | null {
  if (previousRank === null || previousRank === undefined || rank === null) return null;
  return previousRank - rank;
}
