// CalDAV (RFC 4791) discovery and collection making over the DAV client: the calendar-home-set of
// the account's principal, the calendars in it with the components each takes (a task list holds
// VTODO, Kith's journal VJOURNAL), and MKCALENDAR for a collection that is not there yet. Listing,
// reading and writing items reuse carddav.ts (sync-collection, calendar-multiget, If-Match PUTs).
import { randomUUID } from 'node:crypto';
import { DavError, propHrefs, propText, type DavClient, type MultistatusEntry } from './dav-client';

export type CalendarComponent = 'VTODO' | 'VJOURNAL' | 'VEVENT';

export interface CalendarInfo {
  url: string;
  name: string;
  /** the components the server says the collection holds (all three when it does not say) */
  components: CalendarComponent[];
}

/** the account's calendar homes, from the URL the contacts were found at (RFC 6764 steps as for CardDAV) */
export async function findCalendarHomes(client: DavClient, serverUrl: string): Promise<string[]> {
  const start = new URL(serverUrl);
  const candidates = [start.href, new URL('/.well-known/caldav', start).href, new URL('/', start).href];
  for (const url of candidates) {
    try {
      const entries = await client.propfind(url, '<d:current-user-principal/><cal:calendar-home-set/>', '0');
      const homes = entries.flatMap((e) => propHrefs(e.props['calendar-home-set'], url));
      if (homes.length) return homes;
      const principal = entries.flatMap((e) => propHrefs(e.props['current-user-principal'], url))[0];
      if (!principal) continue;
      const home = await client.propfind(principal, '<cal:calendar-home-set/>', '0');
      const found = home.flatMap((e) => propHrefs(e.props['calendar-home-set'], principal));
      if (found.length) return found;
    } catch (err) {
      if (err instanceof DavError && (err.kind === 'auth' || err.kind === 'offline' || err.kind === 'tls' || err.kind === 'timeout')) throw err;
    }
  }
  return [];
}

export async function listCalendars(client: DavClient, home: string): Promise<CalendarInfo[]> {
  const entries = await client.propfind(home, '<d:resourcetype/><d:displayname/><cal:supported-calendar-component-set/>', '1');
  return entries.filter(isCalendar).map(describeCalendar);
}

function isCalendar(e: MultistatusEntry): boolean {
  const type = e.props.resourcetype;
  return !!type && typeof type === 'object' && 'calendar' in type;
}

function describeCalendar(e: MultistatusEntry): CalendarInfo {
  const set = e.props['supported-calendar-component-set'] as { comp?: { '@name'?: string }[] } | undefined;
  const named = (set?.comp ?? []).map((c) => c['@name']?.toUpperCase()).filter((n): n is CalendarComponent => n === 'VTODO' || n === 'VJOURNAL' || n === 'VEVENT');
  return {
    url: e.href.endsWith('/') ? e.href : e.href + '/',
    name: propText(e.props.displayname) || decodeURIComponent(new URL(e.href).pathname.split('/').filter(Boolean).pop() ?? 'Calendar'),
    components: named.length ? named : ['VEVENT', 'VTODO', 'VJOURNAL'],
  };
}

/** a new calendar collection in `home` for one component (MKCALENDAR with supported-calendar-component-set) */
export async function makeCalendar(client: DavClient, home: string, name: string, component: CalendarComponent): Promise<CalendarInfo> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'kith'}-${randomUUID().slice(0, 8)}`;
  const url = new URL(`${slug}/`, home.endsWith('/') ? home : home + '/').href;
  const body = `<?xml version="1.0" encoding="utf-8"?><cal:mkcalendar xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>${escapeXml(name)}</d:displayname><cal:supported-calendar-component-set><cal:comp name="${component}"/></cal:supported-calendar-component-set></d:prop></d:set></cal:mkcalendar>`;
  await client.request('MKCALENDAR', url, { body, expect: [201] });
  return { url, name, components: [component] };
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
