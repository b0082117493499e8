// The end of every edit form: the error that is not about one field, then Cancel and the submit
// button. `before` puts extra controls (a Delete, a hint) ahead of them.
import type { ReactNode } from 'react';

export function FormFooter({ error, onCancel, submitLabel, saving, before }: { error?: string; onCancel(): void; submitLabel: string; saving: boolean; before?: ReactNode }) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        {before}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
