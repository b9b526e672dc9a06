import type { Page } from '@playwright/test';
import { DashboardPage } from './DashboardPage.js';

export type Account = { email: string; password: string };

export function newAccount(): Account {
  return {
    email: `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`,
    password: 'a long test password',
  };
}

export class SignUpPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/signup');
    return this;
  }

  async signUp(account: Account): Promise<DashboardPage> {
    await this.page.getByLabel('Email').fill(account.email);
    await this.page.getByLabel('Password').fill(account.password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    return new DashboardPage(this.page).expectLoaded();
  }
}

export class SignInPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/signin');
    return this;
  }

  async signIn(account: Account): Promise<DashboardPage> {
    await this.page.getByLabel('Email').fill(account.email);
    await this.page.getByLabel('Password').fill(account.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    return new DashboardPage(this.page).expectLoaded();
  }
}
