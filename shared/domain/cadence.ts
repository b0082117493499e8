// Which check-in cadence applies to a contact. One place for the inheritance rule.

/** when neither the contact nor its circle says anything */
export const DEFAULT_CADENCE_DAYS = 30;

/** the contact's own cadence, else its circle's default, else 30 days; 0 means "never remind" */
export function effectiveCadence(own: number | null, circleDefault: number | null | undefined): number {
  return own ?? circleDefault ?? DEFAULT_CADENCE_DAYS;
}
