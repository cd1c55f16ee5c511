import { Minus, Plus } from 'lucide-react';
import { useId } from 'react';
import './quantity-picker.css';

/** clamp(value) into [min, max]; a max below min (nothing available) pins it to min. */
export function clampQuantity(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.max(min, Math.min(Math.max(min, max), Math.floor(value)));
}

/** − [n] + : a number field bounded by what can be bought, usable by keyboard alone. */
export function QuantityPicker({
  value,
  max,
  min = 1,
  onChange,
  label = 'Quantity',
  disabled = false,
}: {
  value: number;
  max: number;
  min?: number;
  onChange: (value: number) => void;
  label?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const set = (next: number) => onChange(clampQuantity(next, min, max));
  return (
    <div className="quantity-picker">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <button
        type="button"
        className="icon-button"
        onClick={() => set(value - 1)}
        disabled={disabled || value <= min}
        aria-label={`Decrease ${label.toLowerCase()}`}
      >
        <Minus aria-hidden="true" size={16} />
      </button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={Math.max(min, max)}
        value={value}
        disabled={disabled}
        onChange={(event) => {
          const next = event.target.valueAsNumber;
          if (!Number.isNaN(next)) set(next);
        }}
      />
      <button
        type="button"
        className="icon-button"
        onClick={() => set(value + 1)}
        disabled={disabled || value >= max}
        aria-label={`Increase ${label.toLowerCase()}`}
      >
        <Plus aria-hidden="true" size={16} />
      </button>
    </div>
  );
}
