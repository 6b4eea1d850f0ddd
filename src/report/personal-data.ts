/**
 * What counts as a buyer's personal data, for the browser's reports (`reports.ts`) and for what the
 * loop keeps of Hotmart's deliveries (`server/hotmart-delivery.ts`): one rule for both.
 */

/**
 * Words in parameter names that carry a buyer's personal data (Hotmart's checkout prefill, and the
 * usual Portuguese, Spanish and English names). A name is split into words (`cpf_cnpj`,
 * `telefone-celular`, `firstName`, `nome completo`) and each word, and the whole name, compared
 * lowercase: `EMAIL`, `e-mail`, `phone_number`, `Nome` and `whats` are all caught. GA4 and LGPD both
 * forbid sending them.
 */
const PERSONAL =
  /^(name|nome|nombre|firstname|lastname|fullname|sobrenome|apellido|e?mail|emailaddress|correo|doc|document|documento|cpf|cnpj|rg|dni|zip|zipcode|cep|postalcode|phone|phoneac|phonenumber|tel|telefone|telefono|celular|mobile|whats|whatsapp|zap|address|endereco|direccion|rua|street|city|cidade|ciudad|bairro|state|estado|birth|birthday|birthdate|nascimento|aniversario|dob|ip)$/;
/** A value that is an e-mail address, in any parameter (`utm_content=ana@x.com`), written in any width (`ana＠x.com`). */
const EMAIL = /[^\s@/]+@[^\s@/]+\.[^\s@/]/;

/** Unicode's compatibility forms folded (`＠` is `@`, `ｅｍａｉｌ` is `email`), accents dropped (`endereço`). */
const folded = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** `text` holds an e-mail address, in any width. */
export const hasEmail = (text: string) => EMAIL.test(folded(text));

/** A parameter that carries personal data, by its name or its value. */
export const isPersonal = (key: string, value: string) => {
  const words = folded(key)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/);
  return [...words, words.join('')].some((word) => PERSONAL.test(word)) || hasEmail(value);
};
