import { useState, type FormEvent } from "react";
import { StatusMessage } from "@/components/Messages";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { fullName } from "@/lib/auth/me";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useProductOrders, type ProductOrder } from "../api/list-product-orders";
import { useOrderProducts, type ProductFormat, type ProductType } from "../api/order-products";
import { formatDateTime } from "@/lib/dates";
import { formatLots } from "../lib/lots";
import { integerIn } from "../lib/numbers";
import { SelectField } from "@/components/fields";
import { formatKey, orderStatusKey, productKey } from "./labels";
import { checkLots, lotFieldName, LotInputs, lotRow, type LotField, type LotRow } from "./LotInputs";
import { HistoryList } from "./HistoryList";
import { ServicePage } from "./ServicePage";
import { FormLayout } from "@/components/FormLayout";

const maxLots = 50;
const products: readonly ProductType[] = ["plan_cadastral", "fiche_lot", "extrait_registre"];

/** The formats each product comes in: DWG is for the plan cadastral only. */
function formatsOf(product: ProductType): readonly ProductFormat[] {
  return product === "plan_cadastral" ? ["pdf", "dwg", "papier"] : ["pdf", "papier"];
}

type Field = "productType" | "quantity" | "format" | LotField;

function isProduct(value: string): value is ProductType {
  return products.some((product) => product === value);
}

/** Commande de produit: plan cadastral, fiche de lot or extrait du registre, for existing lots. */
export function ProductOrderPage() {
  const { t } = useI18n();
  return (
    <ServicePage title={t("services.order.title")}>
      <p>{t("services.order.intro")}</p>
      <OrderForm />
      <OrderHistory />
    </ServicePage>
  );
}

function OrderForm() {
  const { t } = useI18n();
  const [product, setProduct] = useState<ProductType>("plan_cadastral");
  const [rows, setRows] = useState<LotRow[]>(() => [lotRow()]);
  const [quantity, setQuantity] = useState("1");
  const [format, setFormat] = useState<ProductFormat>("pdf");
  const [done, setDone] = useState<ProductOrder | null>(null);
  const fields: Field[] = ["productType", "quantity", "format", "lots", ...rows.map((_, index) => lotFieldName(index))];
  const errors = useFormErrors(fields);
  const order = useOrderProducts();
  const formats = formatsOf(product);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (order.isPending) return;
    setDone(null);
    const checked = checkLots(rows, maxLots, t);
    const count = integerIn(quantity, 1, 20);
    const valid = errors.validate({
      ...checked.errors,
      quantity:
        quantity.trim() === ""
          ? t("form.required")
          : count === null
            ? t("services.form.integerRange", { min: 1, max: 20 })
            : undefined,
      format: formats.includes(format) ? undefined : t("services.order.formatUnavailable"),
    });
    if (!valid || count === null) return;
    order.mutate(
      { productType: product, lots: checked.lots, quantity: count, format },
      { onError: errors.showError, onSuccess: setDone },
    );
  }

  return (
    <>
      <FormLayout errors={errors} pending={order.isPending} onSubmit={submit} submitLabel={t("services.order.submit")}>
        <SelectField
          name="productType"
          label={t("services.order.product")}
          required
          value={product}
          onChange={(event) => {
            const next = event.target.value;
            if (!isProduct(next)) return;
            setProduct(next);
            if (!formatsOf(next).includes(format)) setFormat("pdf");
          }}
          error={errors.fieldErrors.productType}
        >
          {products.map((value) => (
            <option key={value} value={value}>
              {t(productKey(value))}
            </option>
          ))}
        </SelectField>
        <LotInputs
          legend={t("services.order.lots")}
          rows={rows}
          onChange={(next) => {
            setRows(next);
            if (next.length !== rows.length) errors.clear();
          }}
          max={maxLots}
          errors={errors.fieldErrors}
        />
        <TextField
          name="quantity"
          type="number"
          min={1}
          max={20}
          step={1}
          inputMode="numeric"
          label={t("services.order.quantity")}
          hint={t("services.order.quantityHint")}
          required
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
          error={errors.fieldErrors.quantity}
        />
        <SelectField
          name="format"
          label={t("services.order.format")}
          hint={t("services.order.formatHint")}
          required
          value={format}
          onChange={(event) => {
            const next = formats.find((value) => value === event.target.value);
            if (next) setFormat(next);
          }}
          error={errors.fieldErrors.format}
        >
          {formats.map((value) => (
            <option key={value} value={value}>
              {t(formatKey(value))}
            </option>
          ))}
        </SelectField>
      </FormLayout>
      <div aria-live="polite">
        {done && (
          <StatusMessage>
            <p>{t("services.order.success", { number: done.orderNumber, status: t(orderStatusKey(done.status)) })}</p>
          </StatusMessage>
        )}
      </div>
    </>
  );
}

function OrderHistory() {
  const { t } = useI18n();
  return (
    <HistoryList
      heading={t("services.order.history")}
      usePage={useProductOrders}
      columns={[
        t("services.order.number"),
        t("services.col.date"),
        t("services.order.product"),
        t("services.col.lots"),
        t("services.order.quantity"),
        t("services.order.format"),
        t("services.dossiers.col.status"),
        t("services.col.doneBy"),
      ]}
      row={(item) => (
        <tr key={item.id}>
          <th scope="row">{item.orderNumber}</th>
          <td>{formatDateTime(item.orderedAt)}</td>
          <td>{t(productKey(item.productType))}</td>
          <td>{formatLots(item.lots)}</td>
          <td>{item.quantity}</td>
          <td>{t(formatKey(item.format))}</td>
          <td>{t(orderStatusKey(item.status))}</td>
          <td>{fullName(item.doneBy)}</td>
        </tr>
      )}
      empty={t("services.order.empty")}
      summary="services.pagination.orders"
    />
  );
}
