import { useContacts } from '../stores/contacts';

export function DashboardPage({ onAddContact }: { onAddContact(): void }) {
  const total = useContacts((s) => s.total);
  return (
    <section className="page" aria-labelledby="dash-title">
      <header className="page-header">
        <h1 id="dash-title">Dashboard</h1>
      </header>
      {total === 0 ? (
        <div className="empty-state">
          <h2>Welcome to Kith</h2>
          <p>Kith keeps the people in your life close: who you last talked to, who needs a call, whose birthday is coming. Start by adding someone.</p>
          <button className="button primary" onClick={onAddContact}>
            Add a contact
          </button>
        </div>
      ) : (
        <p className="subtle">You keep {total.toLocaleString()} relationships in Kith.</p>
      )}
    </section>
  );
}
