// Runs first in <body> so components styled for JavaScript do not flash unstyled.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
