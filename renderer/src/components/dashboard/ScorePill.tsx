// A health score as a pill that says what it is: "Health 43" in its band's colour, "New" for a
// contact not scored yet, nothing for one with no check-ins.
import { BAND_LABEL, type HealthBand } from '../../../../shared/domain/health';
import { BAND_COLOR_VAR } from './format';

export function ScorePill({ score, band }: { score: number | null; band: HealthBand | null }) {
  if (band === null) return null;
  const label = score === null ? `${BAND_LABEL[band]}: no health score yet` : `Health score ${score} of 100, ${BAND_LABEL[band].toLowerCase()}`;
  return (
    <span className="score-pill" style={{ ['--band' as string]: BAND_COLOR_VAR[band] }} title={label} aria-label={label} role="img">
      <span className="score-pill-label" aria-hidden>
        {score === null ? BAND_LABEL[band] : 'Health'}
      </span>
      {score !== null && <span aria-hidden> {score}</span>}
    </span>
  );
}
