/**
 * Passwords that meet the length rule but appear in public breach lists or are
 * trivially guessable. Compared case-insensitively, after removing spaces.
 * Short classics (e.g. "password", "qwerty") are caught by the stem check.
 */
const COMMON = new Set([
  "password1234",
  "password12345",
  "password123456",
  "passwordpassword",
  "password1234567",
  "password123!",
  "123456789012",
  "1234567890123",
  "12345678901234",
  "123456789abc",
  "1234567890qwerty",
  "qwerty123456",
  "qwertyuiop123",
  "qwertyuiopasdf",
  "1qaz2wsx3edc",
  "1q2w3e4r5t6y",
  "zaq12wsxcde3",
  "asdfghjkl123",
  "iloveyou1234",
  "iloveyouiloveyou",
  "letmein12345",
  "welcome12345",
  "welcome123456",
  "administrator",
  "administrator1",
  "admin1234567",
  "changeme1234",
  "changemenow!",
  "trustno1trustno1",
  "monkey123456",
  "football1234",
  "baseball1234",
  "superman1234",
  "princess1234",
  "sunshine1234",
  "starwars1234",
  "dragon123456",
  "michael12345",
  "abcdefghijkl",
  "abcdefghijklm",
  "abc123abc123",
  "aaaaaaaaaaaa",
  "111111111111",
  "000000000000",
  "qwertyqwerty",
  "passw0rd1234",
  "p@ssw0rd1234",
  "p@ssword1234",
  "correcthorsebatterystaple",
  "thequickbrownfox",
  "ilovemymom123",
  "whatever1234",
  "nopassword12",
  "mypassword123",
  "secretpassword",
  "supersecret123",
  "letmeinplease",
  "computer1234",
  "internet1234",
  "summer2024!!",
  "winter2024!!",
  "spring2025!!",
  "autumn2025!!",
  "summer2025!!",
  "winter2025!!",
  "ringfence1234",
  "ringfence2026",
  "crowdstrike1",
  "microsoft1234",
  "windows12345",
  "security1234",
]);

const STEMS = ["password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "letmein", "welcome", "iloveyou", "admin", "changeme", "ringfence", "123456"];

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase().replace(/\s+/g, "");
  if (COMMON.has(p)) return true;
  // A well-known stem padded only with digits and punctuation ("Password2024!!!").
  const letters = p.replace(/[^a-z@0]/g, "");
  if (STEMS.some((s) => p.startsWith(s) && /^[^a-z]*$/.test(p.slice(s.length)))) return true;
  if (STEMS.some((s) => letters === s)) return true;
  // One character repeated, or a plain run of digits.
  if (/^(.)\1+$/.test(p) || /^\d+$/.test(p)) return true;
  return false;
}
