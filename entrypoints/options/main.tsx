import { render } from 'preact';
import { OptionsApp } from './OptionsApp';
import '../../assets/theme.css';
import './style.css';
import './form.css';
import '../../components/sites/sites.css';

render(<OptionsApp />, document.getElementById('app')!);
