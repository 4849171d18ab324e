import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, isIsoDate, isoWithOffset, isTimeZone, offsetLabel, utcSecond, zoned, zonedFast } from './time.ts';

test('local times in the venue zone become instants with the right offset', () => {
  assert.equal(isoWithOffset('2017-04-18', '10:00', 'America/New_York'), '2017-04-18T10:00:00-04:00');
  assert.equal(isoWithOffset('2017-01-18', '10:00', 'America/New_York'), '2017-01-18T10:00:00-05:00');
  assert.equal(isoWithOffset('2017-07-18', '09:30', 'Europe/Zurich'), '2017-07-18T09:30:00+02:00');
  assert.equal(zoned('2017-04-18', '10:00', 'America/New_York').toInstant().toString(), '2017-04-18T14:00:00Z');
});

test('a time that a daylight-saving change skips resolves forward, as RFC 5545 says', () => {
  assert.equal(isoWithOffset('2017-03-12', '02:30', 'America/New_York'), '2017-03-12T03:30:00-04:00');
  assert.equal(zoned('2017-11-05', '01:30', 'America/New_York').toInstant().toString(), '2017-11-05T05:30:00Z');
});

test('offset labels use a real minus sign', () => {
  assert.equal(offsetLabel('2017-04-18', '10:00', 'America/New_York'), 'UTC−04:00');
  assert.equal(offsetLabel('2020-01-10', '10:00', 'Asia/Kolkata'), 'UTC+05:30');
});

test('time zones and dates are validated', () => {
  assert.equal(isTimeZone('America/New_York'), true);
  assert.equal(isTimeZone('Mars/Olympus'), false);
  assert.equal(isIsoDate('2017-02-29'), false);
  assert.equal(isIsoDate('2016-02-29'), true);
  assert.equal(isIsoDate('18 April 2017'), false);
  assert.equal(addDays('2016-02-28', 2), '2016-03-01');
});

test('the shortcut without Temporal gives what zoned gives, and stands aside on days of a change', () => {
  // Zones with half-hour and 30-minute DST (Lord Howe), midnight changes (Havana, Santiago), a skipped day (Apia), negative DST (Dublin).
  const zones = ['America/New_York', 'Australia/Lord_Howe', 'America/Havana', 'America/Santiago', 'Pacific/Apia', 'Europe/Dublin', 'Asia/Kathmandu', 'UTC'];
  let fast = 0;
  for (const tz of zones) {
    for (let day = 0; day < 730; day += day > 715 ? 1 : 3) {
      const date = new Date(Date.UTC(2010, 0, 1 + day)).toISOString().slice(0, 10);
      for (const time of ['00:00', '00:30', '01:30', '02:30', '09:15', '23:59', '23:59:59']) {
        const f = zonedFast(date, time, tz);
        if (!f) continue;
        fast++;
        const z = zoned(date, time, tz);
        assert.equal(f.iso, z.toString({ timeZoneName: 'never', smallestUnit: 'second' }), `${tz} ${date} ${time}`);
        assert.equal(utcSecond(f.epochMs), z.toInstant().toString({ smallestUnit: 'second' }), `${tz} ${date} ${time}`);
        assert.equal(f.offset, z.offset);
      }
    }
  }
  assert.ok(fast > 1000);
  assert.equal(zonedFast('2017-03-12', '02:30', 'America/New_York'), null);
  assert.equal(zonedFast('2017-11-05', '01:30', 'America/New_York'), null);
  assert.equal(zonedFast('2011-12-30', '10:00', 'Pacific/Apia'), null);
  assert.equal(zonedFast('2017-04-18', '24:00', 'America/New_York'), null);
});
