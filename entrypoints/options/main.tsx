import { render } from 'preact';
import { OptionsApp } from './OptionsApp';
import '../../assets/theme.css';
import './style.css';

render(<OptionsApp />, document.getElementById('app')!);
