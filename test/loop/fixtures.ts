/**
 * Hotmart webhook deliveries (version 2.0.0) shaped as Hotmart sends them: the envelope, the
 * product, the buyer with personal data, the producer, commissions, the purchase with its origin,
 * order bump and offer, the affiliates, the subscription. The shape follows deliveries printed in
 * public receivers' code and docs; every value here is invented. The buyer is one person whose
 * e-mail, name and CPF a test then searches for in the store.
 */
import type { Report } from '../../src/report/report-schema';

export const HOTTOK = 'hottok-test-6f1d2c9a8b7e4f30';

/** The buyer every delivery names: none of it may reach a file, a table or the journal. */
export const BUYER = {
  email: 'mariana.alvesteste@example.com.br',
  name: 'Mariana Alves Teste',
  firstName: 'Mariana',
  lastName: 'Alves Teste',
  cpf: '52998224725',
  phone: '11987654321',
  zipcode: '38400123',
  street: 'Avenida Francisco Galassi Teste',
};

export interface DeliveryFacts {
  id: string;
  event?: string;
  transaction: string;
  /** ms since the epoch. */
  approved?: number;
  created?: number;
  value?: number;
  currency?: string;
  /** `data.purchase.origin`; `null` leaves it out (refunds and chargebacks may come without it). */
  origin?: { src?: string; sck?: string; xcod?: string; xcode?: string } | null;
  /** The affiliate Hotmart credited; `null`: an empty list. */
  affiliate?: string | null;
  /** An order bump of this transaction. */
  parent?: string;
  hottokInBody?: boolean;
}

const STATUS: Record<string, string> = {
  PURCHASE_APPROVED: 'APPROVED',
  PURCHASE_COMPLETE: 'COMPLETED',
  PURCHASE_REFUNDED: 'REFUNDED',
  PURCHASE_CHARGEBACK: 'CHARGEBACK',
  PURCHASE_CANCELED: 'CANCELED',
  PURCHASE_PROTEST: 'DISPUTE',
};

/** A delivery's JSON body. */
export function delivery(facts: DeliveryFacts): Record<string, unknown> {
  const event = facts.event ?? 'PURCHASE_APPROVED';
  const approved = facts.approved ?? Date.parse('2026-11-20T15:04:05Z');
  const price = { value: facts.value ?? 197, currency_value: facts.currency ?? 'BRL' };
  return {
    id: facts.id,
    creation_date: facts.created ?? approved + 1000,
    event,
    version: '2.0.0',
    data: {
      product: {
        id: 4774438,
        ucode: 'fb056612-bcc6-4217-9e6d-2a5d1110ac2f',
        name: 'Curso de Confeitaria Teste',
        warranty_date: '2026-12-27T00:00:00Z',
        support_email: 'suporte@produtor-teste.example',
        has_co_production: false,
        is_physical_product: false,
      },
      affiliates: facts.affiliate === null ? [] : [{ affiliate_code: facts.affiliate ?? 'O95340038V', name: 'Afiliado Teste' }],
      buyer: {
        email: BUYER.email,
        name: BUYER.name,
        first_name: BUYER.firstName,
        last_name: BUYER.lastName,
        checkout_phone_code: '11',
        checkout_phone: BUYER.phone,
        address: {
          city: 'Uberlândia',
          country: 'Brasil',
          country_iso: 'BR',
          state: 'Minas Gerais',
          neighborhood: 'Tubalina',
          zipcode: BUYER.zipcode,
          address: BUYER.street,
          number: '10',
          complement: 'Perto do shopping',
        },
        document: BUYER.cpf,
        document_type: 'CPF',
      },
      producer: { name: 'Produtora Teste', document: '12345678965', legal_nature: 'Pessoa Física' },
      commissions: [
        { value: price.value * 0.099, source: 'MARKETPLACE', currency_value: price.currency_value },
        { value: price.value * 0.901, source: 'PRODUCER', currency_value: price.currency_value },
      ],
      purchase: {
        approved_date: approved,
        full_price: price,
        price,
        checkout_country: { name: 'Brasil', iso: 'BR' },
        order_bump: facts.parent ? { is_order_bump: true, parent_purchase_transaction: facts.parent } : { is_order_bump: false },
        original_offer_price: price,
        order_date: approved - 60_000,
        status: STATUS[event] ?? 'APPROVED',
        transaction: facts.transaction,
        payment: { installments_number: 1, type: 'CREDIT_CARD' },
        offer: { code: 'wlvonm69' },
        ...(facts.origin !== null && { origin: facts.origin ?? {} }),
        buyer_ip: '203.0.113.7',
        is_funnel: false,
        business_model: 'I',
      },
      subscription: { status: 'ACTIVE', plan: { id: 123, name: 'plano de teste' }, subscriber: { code: 'I9OT62C3' } },
    },
    ...(facts.hottokInBody && { hottok: HOTTOK }),
  };
}

/** A report as the browser sends it (`checkout` gets its checkout URL). */
export function report(event: Report['event'], visit: string | undefined, affiliate: string | null, params: Record<string, string> = {}): Report {
  return {
    event,
    affiliate,
    ...(visit && { visit }),
    page: 'https://www.shop.example/curso/',
    params,
    ...(event == 'checkout' && { checkoutUrl: `https://pay.hotmart.com/A72242240H?off=wlvonm69${visit ? `&xcod=${visit}` : ''}` }),
    timestamp: 1795483786239,
  };
}
