// A <datalist> of stored values (tag names, sources) labelled in the display script: picking an option
// inserts the stored value, so what is typed still matches the library exactly.
import { useDisplayText } from '../app/display-text'

export function DisplayDatalist({ id, values }: { id: string; values: readonly string[] }) {
  const display = useDisplayText()
  return (
    <datalist id={id}>
      {values.map((value) => {
        const shown = display(value)
        return <option key={value} value={value} label={shown !== value ? shown : undefined} />
      })}
    </datalist>
  )
}
