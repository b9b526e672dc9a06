import { emailSchema } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { listAdminEmails, setUserAdmin } from '../accounts/users.repository.js';

export const USAGE = `Usage: npm run admin -- <command>
  grant <email>   make the account with this address an administrator
  revoke <email>  take administration away from it
  list            the administrators' addresses`;

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Runs one admin command against the database; returns the exit code. Administrators are
 * designated here, by someone with access to the server's database, and never by registering an
 * address (which anyone can do first).
 */
export async function runAdminCommand(
  db: Queryable,
  args: readonly string[],
  io: CommandOutput,
): Promise<number> {
  const [command, address, ...rest] = args;
  if (command === 'list' && address === undefined) {
    const admins = await listAdminEmails(db);
    if (admins.length === 0) io.out('No administrators.');
    for (const email of admins) io.out(email);
    return 0;
  }
  if ((command === 'grant' || command === 'revoke') && address !== undefined && !rest.length) {
    const email = emailSchema.safeParse(address);
    if (!email.success) {
      io.err(`Not an email address: ${address}`);
      return 2;
    }
    const found = await setUserAdmin(db, email.data, command === 'grant');
    if (!found) {
      io.err(`No account has the address ${email.data}. Register it first, then grant.`);
      return 1;
    }
    io.out(`${email.data} ${command === 'grant' ? 'is now' : 'is no longer'} an administrator.`);
    return 0;
  }
  io.err(USAGE);
  return 2;
}
