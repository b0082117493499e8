// What the small forms inside the contact page's cards share (facts, gifts, loans, life events):
// today's local date, Escape to close, field errors wired for screen readers, Cancel/Add buttons.
import type { KeyboardEvent } from 'react';

/** Escape closes the form without saving, and goes no further (a Modal behind it stays open) */
export function escapeCloses(onDone: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onDone();
  };
}

/** props for an input with its error, and the error message itself */
export function fieldErrors(errors: Record<string, string>, baseId: string) {
  const errorId = (k: string) => `${baseId}-${k}-error`;
  return {
    invalid: (k: string) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': errorId(k) } : {}),
    message: (k: string) =>
      errors[k] ? (
        <small className="field-error" id={errorId(k)} role="alert">
          {errors[k]}
        </small>
      ) : null,
  };
}

/** an API error's message without the "field: " the dispatcher puts in front */
export const withoutField = (message: string) => message.replace(/^[\w.]+: /, '');

export function InlineFormActions({ onCancel, submitLabel, className = 'mini-form-actions span-2' }: { onCancel(): void; submitLabel: string; className?: string }) {
  return (
    <div className={className}>
      <button type="button" className="button small" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button small primary">
        {submitLabel}
      </button>
    </div>
  );
}
