import { useEffect, useId, useRef, useState, type ClipboardEvent } from "react";
import { TextField } from "@/components/TextField";
import { useI18n, type Translate } from "@/i18n";
import type { DisplayMessage } from "@/lib/api/errors";
import { parseLot, splitLotList } from "../lib/lots";

export interface LotRow {
  key: number;
  value: string;
}

let nextKey = 1;
export function lotRow(value = ""): LotRow {
  nextKey += 1;
  return { key: nextKey, value };
}

/** Form field names of the lot rows: "lots.2" is where the API's /lots/2 lands. */
export function lotFieldName(index: number): `lots.${number}` {
  return `lots.${index}`;
}

export type LotField = "lots" | `lots.${number}`;

/**
 * Client-side checks of a list of lots, as the API makes them: each one 7 digits (spaces between
 * the groups allowed), no duplicate, between 1 and max lots. Returns the errors by field and the
 * 7-digit numbers.
 */
export function checkLots(
  rows: readonly LotRow[],
  max: number,
  t: Translate,
): { errors: Partial<Record<LotField, string>>; lots: string[] } {
  const errors: Partial<Record<LotField, string>> = {};
  const lots: string[] = [];
  if (rows.every((row) => row.value.trim() === "")) {
    // On the first input, so that focus goes there.
    errors[lotFieldName(0)] = t("services.lots.none");
    return { errors, lots };
  }
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const lot = parseLot(row.value);
    if (row.value.trim() === "") errors[lotFieldName(index)] = t("services.lots.empty");
    else if (lot === null) errors[lotFieldName(index)] = t("services.lots.invalid");
    else if (seen.has(lot)) errors[lotFieldName(index)] = t("services.lots.duplicate");
    else {
      seen.add(lot);
      lots.push(lot);
    }
  });
  if (rows.length > max) errors.lots = t("services.lots.tooMany", { max });
  return { errors, lots };
}

interface LotInputsProps {
  legend: string;
  rows: LotRow[];
  onChange: (rows: LotRow[]) => void;
  max: number;
  errors: Partial<Record<string, DisplayMessage>>;
}

/**
 * Repeatable lot inputs (« 1 234 567 » or « 1234567 »). Pasting a list into one input spreads it
 * over as many inputs. Each input is a field of its own, so the API's error on /lots/N shows
 * next to the N-th lot.
 */
export function LotInputs({ legend, rows, onChange, max, errors }: LotInputsProps) {
  const { t } = useI18n();
  const hintId = useId();
  const groupErrorId = useId();
  const container = useRef<HTMLFieldSetElement>(null);
  // A new object per request, so that asking twice for the same input focuses it twice.
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);
  const groupError = errors.lots;

  useEffect(() => {
    if (focusRequest === null) return;
    container.current?.querySelectorAll<HTMLInputElement>("input")[focusRequest.index]?.focus();
  }, [focusRequest]);

  function update(index: number, value: string) {
    onChange(rows.map((row, i) => (i === index ? { ...row, value } : row)));
  }

  function paste(index: number, event: ClipboardEvent<HTMLInputElement>) {
    const entries = splitLotList(event.clipboardData.getData("text"));
    if (entries.length < 2) return;
    event.preventDefault();
    const head = rows.slice(0, index);
    const tail = rows.slice(index + 1).filter((row) => row.value.trim() !== "");
    const pasted = entries.map((entry) => lotRow(entry));
    onChange([...head, ...pasted, ...tail].slice(0, max));
    setFocusRequest({ index: Math.min(index + pasted.length, max) - 1 });
  }

  function remove(index: number) {
    onChange(rows.filter((_, i) => i !== index));
    setFocusRequest({ index: Math.max(0, index - 1) });
  }

  return (
    <fieldset
      ref={container}
      className={groupError ? "fieldset fieldset--invalid" : "fieldset"}
      aria-describedby={[groupError ? groupErrorId : "", hintId].filter(Boolean).join(" ")}
    >
      <legend className="field__label">
        {legend}
        <span className="field__required" aria-hidden="true">
          {" "}
          *
        </span>
      </legend>
      <p id={hintId} className="field__hint">
        {t("services.lots.hint", { max })}
      </p>
      {groupError && (
        <p id={groupErrorId} className="field__error" lang={groupError.lang}>
          {groupError.text}
        </p>
      )}
      <ol className="lot-rows">
        {rows.map((row, index) => (
          <li key={row.key} className="lot-row">
            <TextField
              name={lotFieldName(index)}
              label={t("services.lots.lot", { index: index + 1 })}
              required={index === 0}
              inputMode="numeric"
              autoComplete="off"
              value={row.value}
              onChange={(event) => update(index, event.target.value)}
              onPaste={(event) => paste(index, event)}
              error={errors[lotFieldName(index)]}
            />
            {rows.length > 1 && (
              <button type="button" className="button button--secondary lot-row__remove" onClick={() => remove(index)}>
                {t("services.lots.remove", { index: index + 1 })}
              </button>
            )}
          </li>
        ))}
      </ol>
      {rows.length < max && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            onChange([...rows, lotRow()]);
            setFocusRequest({ index: rows.length });
          }}
        >
          {t("services.lots.add")}
        </button>
      )}
    </fieldset>
  );
}
