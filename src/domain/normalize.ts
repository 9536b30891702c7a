import type { Reserve, TrainingSession } from "./model.js";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders internal ids by village code, then by sequence number as a number (…-9 before …-10). */
export function comparePersonIds(a: string, b: string): number {
  const [va = "", sa = ""] = a.split("-");
  const [vb = "", sb = ""] = b.split("-");
  return cmp(va, vb) || Number(sa) - Number(sb) || cmp(a, b);
}

/**
 * The canonical order of a record's lists, so that the same facts always give the same file:
 * dated entries chronologically (ties by their other fields), session ids sorted, everything else
 * as entered. Status changes keep their recorded order: the last one is the current status.
 */
export function normalizeReserve(r: Reserve): Reserve {
  return {
    ...r,
    ...(r.mentors && { mentors: [...r.mentors].sort((a, b) => cmp(a.from, b.from) || cmp(a.name, b.name)) }),
    ...(r.posts && { posts: [...r.posts].sort((a, b) => cmp(a.from, b.from) || cmp(a.post, b.post)) }),
    ...(r.meetings && { meetings: [...r.meetings].sort((a, b) => cmp(a.date, b.date) || cmp(a.title, b.title)) }),
    ...(r.party && { party: [...r.party].sort((a, b) => cmp(a.date, b.date)) }),
    ...(r.screening && {
      screening: [...r.screening].sort((a, b) => cmp(a.date, b.date) || cmp(a.department, b.department)),
    }),
    ...(r.trainings && { trainings: [...new Set(r.trainings)].sort(cmp) }),
  };
}

export function sortReserves(reserves: readonly Reserve[]): Reserve[] {
  return [...reserves].sort((a, b) => comparePersonIds(a.id, b.id));
}

export function sortSessions(sessions: readonly TrainingSession[]): TrainingSession[] {
  return [...sessions].sort((a, b) => cmp(a.id, b.id));
}
