/** A card as the sandbox keeps it: never the full number or the security code. */
export interface CardRecord {
  id: string;
  createdAt: Date;
  street1: string | null;
  street2: string | null;
  city: string | null;
  state: string | null;
  phone_number: string | null;
  postal_code: string | null;
  country: string;
  financing: string;
  bank: string;
  brand: string;
  fingerprint: string;
  first_digits: string | null;
  last_digits: string;
  name: string;
  expiration_month: number;
  expiration_year: number;
  security_code_check: boolean;
}

export interface TokenRecord {
  id: string;
  createdAt: Date;
  used: boolean;
  card: CardRecord;
}

export interface CustomerRecord {
  id: string;
  createdAt: Date;
  email: string | null;
  description: string | null;
  metadata: Record<string, unknown>;
  /** Oldest first. */
  cards: CardRecord[];
  defaultCard: string | null;
}

/** All sandbox state, in memory, shared by the API and vault listeners. */
export class Store {
  readonly customers = new Map<string, CustomerRecord>();
  readonly tokens = new Map<string, TokenRecord>();

  reset(): void {
    this.customers.clear();
    this.tokens.clear();
  }
}
