/** What the service knows of a user: their Persona account, and what Persona told it since. */
export interface User {
  userId: string;
  accountId: string;
  /** Inquiries started for the user, newest last. */
  inquiryIds: string[];
  /** Set once Persona approves one of the user's inquiries. */
  verifiedAt: string | null;
  /** Review cases Persona opened for the user. */
  openCaseIds: string[];
}

/**
 * The service's own users, in memory: a real service keeps them in its
 * database. Persona's webhooks change them, so every change is idempotent
 * (a delivery may arrive twice).
 */
export interface UserStore {
  get(userId: string): User | undefined;
  /** Records a signup: creates the user, or adds the new inquiry to a known one. */
  signedUp(userId: string, accountId: string, inquiryId: string): User;
  markVerified(userId: string, at: string): boolean;
  noteCase(userId: string, caseId: string): boolean;
}

export function createUserStore(): UserStore {
  const users = new Map<string, User>();
  return {
    get: (userId) => users.get(userId),
    signedUp(userId, accountId, inquiryId) {
      const user = users.get(userId) ?? {
        userId,
        accountId,
        inquiryIds: [],
        verifiedAt: null,
        openCaseIds: [],
      };
      user.accountId = accountId;
      if (!user.inquiryIds.includes(inquiryId)) user.inquiryIds.push(inquiryId);
      users.set(userId, user);
      return user;
    },
    markVerified(userId, at) {
      const user = users.get(userId);
      if (!user) return false;
      user.verifiedAt ??= at;
      return true;
    },
    noteCase(userId, caseId) {
      const user = users.get(userId);
      if (!user) return false;
      if (!user.openCaseIds.includes(caseId)) user.openCaseIds.push(caseId);
      return true;
    },
  };
}
