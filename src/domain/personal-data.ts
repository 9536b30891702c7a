/**
 * Personal information under PIPL: ID numbers and phone numbers are masked in every report unless
 * the user asks for full values. Masks keep just enough to tell records apart on paper.
 */

/** `640502********1017`: issuing region and the last four; the birth date is never shown. */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length <= 4) return "*".repeat(id.length);
  return `${"*".repeat(id.length - 4)}${id.slice(-4)}`;
}

/**
 * `139****0001` for mobiles; landlines keep the area code and the last four digits. Anything else
 * (a malformed number) keeps only its last four characters, and nothing of one of four or fewer.
 */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const land = /^(0\d{2,3})-(.{5,})$/.exec(phone);
  if (land) return `${land[1]}-${"*".repeat(land[2]!.length - 4)}${land[2]!.slice(-4)}`;
  if (phone.length <= 4) return "*".repeat(phone.length);
  return `${"*".repeat(phone.length - 4)}${phone.slice(-4)}`;
}

/** Mobile 1[3-9]xxxxxxxxx, or a landline with area code: 0951-7654321 / 09517654321. */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}-?\d{7,8}$/.test(phone);
}
