import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, civilFromDays, daysFromCivil, readDayHeading, yearHints } from './days.ts';

const day = (line: string, years: number[] = []) => {
  const d = readDayHeading(line, years);
  return d === null ? null : [d.date, d.dayNumber, d.warning];
};

test('day headings in the forms pages use', () => {
  assert.deepEqual(day('DAY ONE – 18 April 2017'), ['2017-04-18', 1, null]);
  assert.deepEqual(day('Day One October 15th, 2020'), ['2020-10-15', 1, null]);
  assert.deepEqual(day('12 September 2011|Day 1'), ['2011-09-12', 1, null]);
  assert.deepEqual(day('25 October 2011, DAY I'), ['2011-10-25', 1, null]);
  assert.deepEqual(day('Monday, 24 February 2014'), ['2014-02-24', null, null]);
  assert.deepEqual(day('28 February 2019'), ['2019-02-28', null, null]);
  assert.deepEqual(day('2017-04-18'), ['2017-04-18', null, null]);
  assert.deepEqual(day('Day 2'), [null, 2, null]);
  assert.deepEqual(day('Mardi 18 avril 2017'), ['2017-04-18', null, null]);
});

test('a heading without its year takes the page year that fits the weekday', () => {
  assert.deepEqual(day('DAY 1 – Tuesday, May 17th', [2021, 2022]), ['2022-05-17', 1, null]);
  assert.deepEqual(day('May 17', [2022]), ['2022-05-17', null, 'year 2022 taken from elsewhere on the page']);
  assert.deepEqual(day('DAY 1 – Tuesday, May 17th'), [null, 1, null]);
  assert.deepEqual(yearHints(['Founded 1990', 'Geneva, 17 May 2022']), [2022, 1990]);
});

test('lines that are not one day', () => {
  assert.equal(day('24-25 February 2014'), null);
  assert.equal(day('18 and 19 April 2017'), null);
  assert.equal(day('Opening Session'), null);
  assert.equal(day('Agenda'), null);
  assert.deepEqual(day('31 April 2017'), [null, null, 'no such date']);
});

test('calendar arithmetic needs no time zone', () => {
  assert.equal(daysFromCivil(1970, 1, 1), 0);
  assert.equal(civilFromDays(daysFromCivil(2024, 2, 29)), '2024-02-29');
  assert.equal(addDays('2016-12-31', 1), '2017-01-01');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('1900-02-28', 1), '1900-03-01');
});
