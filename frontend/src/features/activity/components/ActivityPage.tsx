/** Délégation ▸ Suivi des activités. */
export function ActivityPage() {
  return null;
}
