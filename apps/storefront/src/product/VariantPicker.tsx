import {
  type Choice,
  chooseValue,
  type PickOption,
  type PickVariant,
  valueState,
} from './variant-choice';
import './variant-picker.css';

/**
 * One group of buttons per option (Size, Colour): the chosen value pressed, a value whose
 * combination with the others is sold out struck through (still choosable, to see it),
 * one not sold with the others dimmed (choosing it moves the others to a combination that
 * is). Availability follows the live stock.
 */
export function VariantPicker({
  options,
  variants,
  choice,
  onChange,
}: {
  options: readonly PickOption[];
  variants: readonly PickVariant[];
  choice: Choice;
  onChange: (choice: Choice) => void;
}) {
  return (
    <div className="variant-picker">
      {options.map((option) => (
        <fieldset key={option.name} className="variant-option">
          <legend>
            {option.name}: <strong>{choice[option.name]}</strong>
          </legend>
          <div className="variant-values">
            {option.values.map((value) => {
              const state = valueState(variants, options, choice, option.name, value);
              const chosen = choice[option.name] === value;
              return (
                <button
                  key={value}
                  type="button"
                  className={`variant-value variant-${state}`}
                  aria-pressed={chosen}
                  aria-label={`${option.name} ${value}${state === 'soldOut' ? ', sold out' : state === 'missing' ? ', not with the other choices' : ''}`}
                  onClick={() =>
                    onChange(chooseValue(variants, options, choice, option.name, value))
                  }
                >
                  {value}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
