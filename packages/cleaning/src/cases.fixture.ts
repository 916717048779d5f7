/** Hand-written source lines shared by the DuckDB tests and the Spark parity test. */
import type { RuleId } from '@ferry/types';

export type Expected = RuleId | 'kept' | 'comment';

/** One line of a hand-written source file and what must become of it. Line numbers follow the array order (header = 1). */
export const CASES: Array<{ line: string; expect: Expected; why: string }> = [
  {
    line: '# tranaction_id | tx_datetime | customer_id | terminal_id | tx_amount | tx_time_seconds | tx_time_days | tx_fraud | tx_fraud_scenario',
    expect: 'comment',
    why: 'header',
  },
  { line: '0,2019-08-22 00:00:00,0,0,0.01,0,0,0,0', expect: 'kept', why: 'edge values: id 0, customer 0, terminal 0, amount 0.01, seconds 0' },
  { line: '1,2019-08-22 06:51:03,5,711,70.91,24663,0,0,0', expect: 'kept', why: 'ordinary row' },
  { line: '2,2019-08-22 05:10:37,5,12,90.55', expect: 'malformed', why: '5 fields' },
  { line: '1,2019-08-22 06:51:03,5,711,70.91,24663,0,0,0', expect: 'duplicate', why: 'id 1 again' },
  { line: '3,2019-08-22 06:51:03,6,Err,10.00,24663,0,0,0', expect: 'invalid_terminal', why: 'Err' },
  { line: '4,2019-08-22 06:51:03,6,None,10.00,24663,0,0,0', expect: 'invalid_terminal', why: 'None' },
  { line: '5,2019-08-22 06:51:03,6,,10.00,24663,0,0,0', expect: 'invalid_terminal', why: 'empty terminal' },
  { line: '6,2019-08-22 06:51:03,6,1000,10.00,24663,0,0,0', expect: 'terminal_out_of_range', why: 'terminal above 999' },
  { line: '7,2019-08-22 06:51:03,6,-1,10.00,24663,0,0,0', expect: 'terminal_out_of_range', why: 'negative terminal' },
  { line: '8,2019-08-22 06:51:03,-999999,5,10.00,24663,0,0,0', expect: 'invalid_customer', why: 'customer -999999' },
  { line: '9,2019-08-22 06:51:03,6,5,0.00,24663,0,0,0', expect: 'non_positive_amount', why: 'amount 0.00' },
  { line: '10,2019-08-22 06:51:03,6,5,-3.50,24663,0,0,0', expect: 'non_positive_amount', why: 'negative amount' },
  { line: '11,2019-02-30 06:51:03,6,5,3.50,24663,0,0,0', expect: 'invalid_datetime', why: 'February 30' },
  { line: '12,2019-08-22 6:51:03,6,5,3.50,24663,0,0,0', expect: 'invalid_datetime', why: 'one-digit hour' },
  { line: '13,2019-08-22 24:30:00,6,5,3.50,88200,0,0,0', expect: 'invalid_datetime', why: 'hour 24 past midnight is not repaired' },
  { line: '14,2019-08-22 06:51:03,6,5,3.50,24664,0,0,0', expect: 'inconsistent_time', why: 'seconds one off the datetime' },
  { line: '15,2019-08-23 06:51:03,6,5,3.50,111063,0,0,0', expect: 'inconsistent_time', why: 'days 0 while seconds say day 1' },
  { line: '16,2019-08-22 06:51:03,6,5,3.50,24663,0,2,1', expect: 'invalid_fraud_label', why: 'fraud 2' },
  { line: '17,2019-08-22 06:51:03,6,5,3.50,24663,0,0,1', expect: 'invalid_fraud_label', why: 'legit with a scenario' },
  { line: '18,2019-08-22 06:51:03,6,5,3.50,24663,0,1,0', expect: 'invalid_fraud_label', why: 'fraud without a scenario' },
  { line: '19,2019-08-22 06:51:03,6,5,3.50,24663,0,1,4', expect: 'invalid_fraud_label', why: 'scenario 4' },
  { line: '20,2019-08-22 06:51:03,6,5,3.50,24663,0,1,2', expect: 'kept', why: 'fraud scenario 2' },
  { line: '# a comment between rows', expect: 'comment', why: 'comment line' },
  { line: '21,2019-08-22 24:00:00,7,5,3.50,86400,0,0,0', expect: 'kept', why: 'midnight 24:00:00 repaired, days 0 -> 1' },
  { line: '22,2019-09-20 24:00:00,7,5,3.50,2592000,29,0,0', expect: 'kept', why: '24:00:00 on the last day of the period' },
  {
    line: '1,2019-08-22 06:51:03,-5,Err,0.00,1,0,9,9',
    expect: 'duplicate',
    why: 'first rule wins: duplicate before terminal, customer, amount, time, label',
  },
  { line: '23,2019-08-22 06:51:03,-5,Err,10.00,24663,0,0,0', expect: 'invalid_terminal', why: 'first rule wins: terminal before customer' },
  { line: '24,2019-08-22 06:51:03,-5,5,0.00,24663,0,0,0', expect: 'invalid_customer', why: 'first rule wins: customer before amount' },
  { line: '25,2019-08-22 06:51:03,5,5,1.505,24663,0,0,0', expect: 'malformed', why: 'three decimals' },
  { line: '  26,2019-08-22 06:51:03,5,5,1.50,24663,0,0,0 ', expect: 'malformed', why: 'spaces around the line are kept as read' },
  { line: '', expect: 'malformed', why: 'empty line between rows' },
  { line: '', expect: 'malformed', why: 'a second empty line in a row' },
  { line: '27,2019-08-22 06:51:03,5,5,1.5,24663,0,0,0', expect: 'kept', why: 'one decimal is a valid amount' },
  { line: '28,2019-08-22 06:51:03,5,5,1.50,24663,0,0,0,', expect: 'malformed', why: '10 fields' },
  { line: '29,2019-08-22 06:51:03,5,5,1.50,24663,0,1.0,0', expect: 'malformed', why: 'fraud 1.0 is not an integer' },
  { line: '3,2019-08-22 06:51:03,6,5,10.00,24663,0,0,0', expect: 'duplicate', why: 'id 3 was seen on a well-formed (if rejected) line' },
  { line: '2,2019-08-22 05:10:37,5,12,90.55,18637,0,0,0', expect: 'kept', why: 'id 2 was only seen on a malformed line' },
  { line: '30,2019-08-22 24:00:00,7,5,3.50,86400,1,0,0', expect: 'kept', why: 'midnight with days already right: datetime repaired only' },
  { line: '31,2019-08-22 24:00:00,7,5,3.50,86399,0,0,0', expect: 'inconsistent_time', why: 'midnight whose seconds do not match' },
  { line: '32,2019-08-22 06:51:03,5,\t5,1.50,24663,0,0,0', expect: 'invalid_terminal', why: 'tab before the terminal' },
  { line: '33,2019-08-22 06:51:03,5,5,1.50,24663,0,0,0,7,8,9', expect: 'malformed', why: '12 fields (a lenient typed reader drops the rest)' },
  { line: '1,2019-08-22 06:51:03,5,711,70.91,24663,0,0,0,', expect: 'malformed', why: 'a trailing comma is a tenth field, even on a seen id' },
  { line: '34,2019-08-22 06:51:03,5,5,1.50,24663,0,0,', expect: 'malformed', why: 'empty last field' },
  { line: ',,,,,,,,', expect: 'malformed', why: 'nine empty fields' },
  { line: '35,2019-08-22 06:51:03,007,5,1.50,24663,0,0,0', expect: 'kept', why: 'leading zeros are a valid integer' },
  { line: '35,2019-08-22 06:51:03,007,5,1.50,24663,0,0,0', expect: 'duplicate', why: 'a duplicate whose text is not its values printed back' },
  { line: '36,2019-08-22 06:51:03,+5,5,1.50,24663,0,0,0', expect: 'malformed', why: '+5 casts to a number but is not an integer field' },
  { line: '37,2019-08-22 06:51:03,5,0x10,1.50,24663,0,0,0', expect: 'invalid_terminal', why: 'hexadecimal terminal' },
  { line: '38,2019-08-22 06:51:03,5,1e2,1.50,24663,0,0,0', expect: 'invalid_terminal', why: 'terminal with an exponent' },
  { line: '39,2019-08-22 06:51:03,-123456789012345678,5,1.50,24663,0,0,0', expect: 'invalid_customer', why: 'a sign and 18 digits is an integer' },
  { line: '40,2019-08-22 06:51:03,1234567890123456789,5,1.50,24663,0,0,0', expect: 'malformed', why: '19 digits' },
  { line: '41,0999-08-22 06:51:03,5,5,1.50,24663,0,0,0', expect: 'invalid_datetime', why: 'year before 1000' },
  { line: '42,2019-08-22T06:51:03,5,5,1.50,24663,0,0,0', expect: 'invalid_datetime', why: 'T between date and time' },
  { line: '43,2019-08-22 06:51:03,5,5,-0.00,24663,0,0,0', expect: 'non_positive_amount', why: '-0.00 is a valid amount, zero' },
  { line: '', expect: 'malformed', why: 'empty last line' },
];

/** Field texts that are valid, nearly valid, or that a lenient cast would take for a number or a date/time. */
const ODD_FIELDS = [
  '',
  ' 5',
  '5 ',
  '+5',
  '-0',
  '007',
  '1e2',
  '0x10',
  '1_0',
  '1.5',
  '1.50',
  '5.',
  '.5',
  '1.505',
  '-',
  'Err',
  '7,8',
  '123456789012345678',
  '-123456789012345678',
  '1234567890123456789',
  '99999999999999999999',
  '2019-08-22 24:00:00',
  '2019-08-22 23:59:59',
  '2019-02-29 00:00:00',
  '2020-02-29 00:00:00',
  '0999-01-01 00:00:00',
  '10000-01-01 00:00:00',
  '2019-8-22 06:51:03',
  '2019-08-22T06:51:03',
  '2019-08-22 06:51:03.5',
  ' 2019-08-22 06:51:03',
];

/**
 * Every odd field text in every field position of an otherwise valid line (ids from 1000, except where the id itself
 * is the odd field, so `007` and `7` meet as duplicates): for comparing engines, not for hand-written expectations.
 */
export function oddFieldLines(): string[] {
  const lines: string[] = [];
  for (let position = 0; position < 9; position++) {
    for (const text of ODD_FIELDS) {
      const fields = [String(1000 + lines.length), '2019-08-22 06:51:03', '5', '5', '1.50', '24663', '0', '0', '0'];
      fields[position] = text;
      lines.push(fields.join(','));
    }
  }
  return [...lines, '7,2019-08-22 06:51:03,5,5,1.50,24663,0,0,0'];
}
