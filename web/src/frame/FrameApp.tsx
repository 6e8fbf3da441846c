import { Component } from 'preact';
import { CardFields, type CardFieldsHandle } from '../CardFields.tsx';
import type { CardField, FrameSettings, ThemeKey } from './protocol.ts';
import { VARIABLES } from './theme.ts';

export interface FrameAppProps {
  /** Hands over the function that configures the frame, once it is on the page. */
  connect: (configure: (settings: FrameSettings) => void) => void;
  handle: (handle: CardFieldsHandle | null) => void;
  onRendered: () => void;
  onState: (invalid: CardField[]) => void;
  onEnter: () => void;
  onFocus: () => void;
  /** The root element, for the frame to measure. */
  rootRef: (el: HTMLElement | null) => void;
}

/** What the card frame shows: nothing until the widget configures it, then the card fields. */
export class FrameApp extends Component<FrameAppProps, { settings: FrameSettings | null }> {
  override state: { settings: FrameSettings | null } = { settings: null };

  override componentDidMount() {
    this.props.connect((settings) => {
      document.documentElement.lang = settings.locale;
      document.title = settings.text.cardFrameTitle;
      this.setState({ settings });
    });
  }

  override componentDidUpdate() {
    this.props.onRendered();
  }

  override render() {
    const { settings } = this.state;
    if (!settings) return null;
    const { theme } = settings;
    const style: Record<string, string> = { colorScheme: theme.scheme };
    for (const [key, value] of Object.entries(theme) as [ThemeKey | 'scheme', string][]) {
      if (key !== 'scheme') style[VARIABLES[key].startsWith('--') ? VARIABLES[key] : camel(VARIABLES[key])] = value;
    }
    return (
      <div
        class={settings.disabled ? 'os-root os-off' : 'os-root'}
        lang={settings.locale}
        style={style}
        ref={this.props.rootRef}
      >
        <form noValidate onSubmit={(event) => event.preventDefault()} onFocusIn={this.props.onFocus}>
          <CardFields
            id="card"
            text={settings.text}
            requirement={settings.card}
            disabled={settings.disabled}
            // Leaving the frame (for the widget's button, say) shows nothing yet: the submit checks every field,
            // and a message appearing now would move the button from under the pointer.
            markOnBlur={(event) => event.relatedTarget !== null}
            handle={this.props.handle}
            onState={this.props.onState}
            onEnter={this.props.onEnter}
          />
        </form>
      </div>
    );
  }
}

const camel = (property: string) => property.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
