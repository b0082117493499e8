// Adding a sync account: the server (or just the email address), user name and password; "Test
// connection" says in plain words what is wrong, or lists the address books to choose from; then
// the account is added and its first sync starts, its progress shown in Settings → Sync.
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { useSync } from '../../stores/sync';
import { Field } from '../Field';
import { Modal } from '../Modal';
import type { SyncConnectionTest } from '../../../../shared/domain/sync';

export function SyncAccountDialog({ onClose }: { onClose(): void }) {
  const [serverUrl, setServerUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [test, setTest] = useState<SyncConnectionTest | null>(null);
  const [book, setBook] = useState<string>('');
  const [busy, setBusy] = useState<'testing' | 'adding' | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const credentials = { serverUrl, username, password };
  const changed = () => test && setTest(null); // a test is only good for what was tested

  async function runTest() {
    setBusy('testing');
    setErrors({});
    try {
      const result = await api.call('sync.accounts.test', credentials);
      setTest(result);
      if (result.ok) setBook(result.addressBooks[0]!.url);
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(null);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!test?.ok) return void runTest();
    setBusy('adding');
    try {
      const account = await api.call('sync.accounts.add', { ...credentials, name: name || undefined, addressBookUrl: book });
      onClose();
      toast.message(`Added ${account.name}; the first sync is running`);
      await useSync.getState().load();
      await useSync.getState().syncNow(account.id);
    } catch (err) {
      setErrors(fieldErrors(err));
      setBusy(null);
    }
  }

  return (
    <Modal title="Add sync account" onClose={onClose}>
      <form className="form sync-account-form" onSubmit={(e) => void add(e)} noValidate>
        <Field label="Server address or email" hint="e.g. https://dav.example.com, or ann@fastmail.com to find the server" error={errors.serverUrl}>
          <input type="text" inputMode="url" autoComplete="url" value={serverUrl} data-autofocus onChange={(e) => (setServerUrl(e.target.value), changed())} />
        </Field>
        <Field label="User name" error={errors.username}>
          <input type="text" autoComplete="username" value={username} onChange={(e) => (setUsername(e.target.value), changed())} />
        </Field>
        <Field label="Password" hint="Some servers (iCloud, Fastmail, Google) need an app password" error={errors.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => (setPassword(e.target.value), changed())} />
        </Field>
        {test && !test.ok && (
          <p className="form-error sync-test-result" role="alert">
            {test.message}
          </p>
        )}
        {test?.ok && <p className="subtle sync-test-ok" role="status">Connected. Choose the address book Kith should use.</p>}
        {test?.ok && (
          <fieldset className="form-group sync-books">
            <legend>Address book</legend>
            {test.addressBooks.map((b) => (
              <label key={b.url} className="check">
                <input type="radio" name="address-book" value={b.url} checked={book === b.url} onChange={() => setBook(b.url)} />
                <span>
                  {b.name} <span className="subtle">· vCard {b.vcardVersion}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {test?.ok && (
          <Field label="Name in Kith (optional)" error={errors.name}>
            <input type="text" value={name} placeholder={`${username} on ${hostOf(serverUrl)}`} onChange={(e) => setName(e.target.value)} />
          </Field>
        )}
        {errors[''] && <p className="form-error">{errors['']}</p>}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void runTest()}>
            {busy === 'testing' ? 'Testing…' : test?.ok ? 'Test again' : 'Test connection'}
          </button>
          <button type="submit" className="button primary" disabled={busy !== null || !test?.ok}>
            {busy === 'adding' ? 'Adding…' : 'Add and sync'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function hostOf(input: string): string {
  const email = /@([^\s@/]+)$/.exec(input.trim());
  if (email) return email[1]!;
  try {
    return new URL(/^https?:\/\//i.test(input) ? input : `https://${input}`).host;
  } catch {
    return 'the server';
  }
}

function fieldErrors(err: unknown): Record<string, string> {
  const e = err as { issues?: { field: string; message: string }[]; field?: string; message: string };
  // the first message for each field (an empty address also fails the address check after it)
  if (e.issues?.length) return Object.fromEntries([...e.issues].reverse().map((i) => [i.field, i.message]));
  return { [e.field ?? '']: e.message };
}
