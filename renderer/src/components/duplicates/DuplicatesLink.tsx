// The dashboard's pointer to Contacts → Duplicates; shown only when there are some.
import { useRouter } from '../../stores/router';
import { useDuplicateCount } from './useDuplicateCount';
import { formatNumber } from '../../lib/format';

export function DuplicatesLink() {
  const count = useDuplicateCount();
  const navigate = useRouter((s) => s.navigate);
  if (count === 0) return null;
  return (
    <a
      className="button duplicates-link"
      href="#/contacts/duplicates"
      onClick={(e) => {
        e.preventDefault();
        navigate({ page: 'duplicates' });
      }}
    >
      <span className="tab-count">{formatNumber(count)}</span> possible duplicate{count === 1 ? '' : 's'}
    </a>
  );
}
