import { render } from 'preact';
import { SearchApp } from '../../components/search/SearchApp';
import '../../assets/theme.css';
import '../../components/core/stage-chip.css';
import '../../components/search/search-base.css';
import '../../components/search/search-form.css';
import '../../components/search/search-results.css';
import '../../components/search/search-notices.css';
import './style.css';

render(<SearchApp layout="popup" />, document.getElementById('app')!);
