// Every migration, in order. Names sort in the order they run; never rename or edit a released one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_search';
import * as m0003 from './0003_health_facts_cache';
import * as m0004 from './0004_reminder_series';
import * as m0005 from './0005_last_interaction';
import * as m0006 from './0006_contact_health';
import * as m0007 from './0007_portfolio';
import * as m0008 from './0008_reminder_sync';
import * as m0009 from './0009_duplicates';
import * as m0010 from './0010_bulk_names_new_health';
import * as m0011 from './0011_sync';
import * as m0012 from './0012_daily_use';
import * as m0016 from './0016_remember';
import * as m0017 from './0017_value_versions';
import * as m0018 from './0018_search_everything';
import * as m0020 from './0020_sync_changes';
import * as m0022 from './0022_rhythms';
import * as m0024 from './0024_addresses';
import * as m0025 from './0025_attachments';
import * as m0026 from './0026_photo_thumbnails';
import * as m0027 from './0027_relationship_roles';
import * as m0029 from './0029_sync_calendar_changes';
import * as m0031 from './0031_portfolio_rhythms';
import * as m0032 from './0032_interaction_kind_coffee';
import * as m0033 from './0033_list_totals_short_search';
import * as m0034 from './0034_search_and_flag_indexes';
import * as m0035 from './0035_search_marks_once';
import * as m0036 from './0036_health_slides';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_search': m0002,
  '0003_health_facts_cache': m0003,
  '0004_reminder_series': m0004,
  '0005_last_interaction': m0005,
  '0006_contact_health': m0006,
  '0007_portfolio': m0007,
  '0008_reminder_sync': m0008,
  '0009_duplicates': m0009,
  '0010_bulk_names_new_health': m0010,
  '0011_sync': m0011,
  '0012_daily_use': m0012,
  '0016_remember': m0016,
  '0017_value_versions': m0017,
  '0018_search_everything': m0018,
  '0020_sync_changes': m0020,
  '0022_rhythms': m0022,
  '0024_addresses': m0024,
  '0025_attachments': m0025,
  '0026_photo_thumbnails': m0026,
  '0027_relationship_roles': m0027,
  '0029_sync_calendar_changes': m0029,
  '0031_portfolio_rhythms': m0031,
  '0032_interaction_kind_coffee': m0032,
  '0033_list_totals_short_search': m0033,
  '0034_search_and_flag_indexes': m0034,
  '0035_search_marks_once': m0035,
  '0036_health_slides': m0036,
};
