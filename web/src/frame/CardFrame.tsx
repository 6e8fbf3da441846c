import { Component } from 'preact';
import { randomUuid } from '../idempotency.ts';
import { connectCardFrame, type FrameCard } from './frame-card.ts';
import { loadCardFrame } from './frame-loading.ts';
import type { CardField, FrameSettings } from './protocol.ts';
import { readTheme } from './theme.ts';

export interface CardFrameProps {
  /** The card frame page; the caller made sure it is on another origin. */
  url: URL;
  /** The frame's settings but its theme, which is read from the widget's stylesheet here. */
  settings: Omit<FrameSettings, 'theme'>;
  title: string;
  /** The widget's theme setting: when it changes, the resolved theme is read again. */
  theme: string;
  /** The frame's card source while it is on the page. */
  card: (card: FrameCard | null) => void;
  onState: (invalid: CardField[]) => void;
  onSubmit: () => void;
  onReady?: (() => void) | undefined;
}

interface CardFrameState {
  /** The frame content's height, once it said so. */
  height: number | null;
}

/**
 * The card fields, in an iframe from the card frame's origin: the page's scripts cannot read what
 * is typed there. The iframe is as tall as its content says (no fixed height, no scrollbar), and
 * its title names it for screen readers.
 */
export class CardFrame extends Component<CardFrameProps, CardFrameState> {
  override state: CardFrameState = { height: null };
  #iframe: HTMLIFrameElement | null = null;
  #card: FrameCard | null = null;
  #sent = '';
  #scheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

  override componentDidMount() {
    const iframe = this.#iframe;
    if (!iframe) return;
    const channel = randomUuid();
    this.#card = connectCardFrame(
      iframe,
      this.props.url.origin,
      channel,
      {
        onReady: () => this.props.onReady?.(),
        onResize: (height) => this.setState({ height }),
        onState: (invalid) => this.props.onState(invalid),
        onSubmit: () => this.props.onSubmit(),
      },
      () => this.props.settings.timeoutMs,
    );
    this.props.card(this.#card);
    this.#configure();
    this.#scheme?.addEventListener('change', this.#reconfigure);
    // The channel rides in the fragment: never sent to a server, read by the frame's script only.
    const url = new URL(this.props.url);
    url.hash = channel;
    loadCardFrame(iframe, url.href);
  }

  override componentDidUpdate() {
    this.#configure();
  }

  override componentWillUnmount() {
    this.#scheme?.removeEventListener('change', this.#reconfigure);
    this.#card?.close();
    this.props.card(null);
  }

  #reconfigure = () => {
    this.#sent = '';
    this.#configure();
  };

  /** Sends the settings when they (or the colour scheme) changed since the last time. */
  #configure() {
    const root = this.#iframe?.closest('.os-root');
    const key = JSON.stringify([this.props.settings, this.props.theme]);
    if (!this.#card || !root || key === this.#sent) return;
    this.#sent = key;
    this.#card.configure({ ...this.props.settings, theme: readTheme(root) });
  }

  override render() {
    const { height } = this.state;
    return (
      <iframe
        ref={(el) => {
          this.#iframe = el;
        }}
        class="os-frame"
        title={this.props.title}
        // So the frame learns which page embeds it in every browser (Firefox has no ancestorOrigins).
        referrerpolicy="origin"
        style={height === null ? undefined : { height: `${height}px` }}
      />
    );
  }
}
