export function RemindersPage() {
  return (
    <section className="page" aria-labelledby="rem-title">
      <header className="page-header">
        <h1 id="rem-title">Reminders</h1>
      </header>
      <div className="empty-state">
        <h2>No reminders yet</h2>
        <p>Reminders for check-ins and birthdays will appear here.</p>
      </div>
    </section>
  );
}
