/*
 * app.js: what the questionnaire pages gain when JavaScript runs.  The pages
 * work without it (each form posts to the server); with it, every answer is
 * saved as soon as it is given (PUT /api/v1/.../answers/ID, with the version
 * the page showed, so that a change made meanwhile by someone else is a
 * conflict and never silently replaced), the message appears next to the
 * field, and the result (score, level, what blocks the next level, the
 * action plan) follows.  Served from the same origin; nothing inline; every
 * text from the server is set with textContent, never as HTML.
 */
(function () {
  'use strict';

  var meta = document.querySelector('meta[name="csrf-token"]');
  var form = document.querySelector('form.questionnaire');
  if (!meta || !form || form.getAttribute('data-readonly') === '1') {
    return;
  }
  var csrf = meta.getAttribute('content');
  var api = form.getAttribute('data-api');
  var timers = {};

  function field(name) {
    return form.elements.namedItem(name);
  }

  function setMessage(id, text, kind) {
    var p = document.getElementById('m-' + id);
    if (p) {
      p.textContent = text;
      p.className = 'message ' + kind;
    }
    var box = document.getElementById('q-' + id);
    if (box) {
      box.classList.toggle('invalid', kind === 'error');
    }
  }

  /* What the person gave, as the pages' form sends it (the server reads it the same way). */
  function input(id) {
    var na = field('na_' + id);
    if (na && na.checked) {
      return 'na';
    }
    var never = field('j_' + id);
    if (never && never.checked) {
      return 'jamais';
    }
    var v = field('v_' + id);
    if (!v) {
      return null;
    }
    if (typeof RadioNodeList !== 'undefined' && v instanceof RadioNodeList) {
      return v.value;
    }
    return v.value;
  }

  function canonical(value) {
    if (value === null || value === undefined) {
      return '';
    }
    return String(value);
  }

  function text(el, value) {
    if (el) {
      el.textContent = value;
    }
  }

  function french(score) {
    if (score === null || score === undefined) {
      return '\u2014';
    }
    var tenths = Math.floor(score * 10 + 0.5);
    return Math.floor(tenths / 10) + ',' + (tenths % 10);
  }

  function showResult(r) {
    if (!r) {
      return;
    }
    text(document.getElementById('score'), french(r.global_score));
    text(document.getElementById('niveau'),
         r.level + (r.level_label ? ' \u2014 ' + r.level_label : ''));
    text(document.getElementById('completude'),
         Math.floor(r.completeness * 100 + 0.5) + '\u00a0% (' + r.answered + '/' + r.applicable + ')');
    text(document.getElementById('prioritaires'),
         r.priority_achieved + '/' + r.priority_total + ' atteintes');
    var plan = document.getElementById('plan');
    if (plan && r.plan) {
      while (plan.firstChild) {
        plan.removeChild(plan.firstChild);
      }
      r.plan.slice(0, 10).forEach(function (a) {
        var li = document.createElement('li');
        li.textContent = a.criterion + ' ' + a.title +
          (a.priority ? ' (mesure prioritaire)' : '') + ' : +' + french(a.gain) + ' points';
        plan.appendChild(li);
      });
      if (r.plan.length === 0) {
        var done = document.createElement('li');
        done.textContent = 'Tous les crit\u00e8res \u00e9valu\u00e9s sont atteints.';
        plan.appendChild(done);
      }
    }
  }

  function save(id) {
    var body = {input: input(id), version: parseInt(field('ver_' + id).value, 10)};
    if (body.input === null) {
      return;
    }
    var c = field('c_' + id);
    var shownComment = field('oc_' + id);
    if (c && shownComment && c.value !== shownComment.value) {
      body.comment = c.value;
    }
    setMessage(id, 'Enregistrement\u2026', 'pending');
    fetch(api + '/answers/' + encodeURIComponent(id), {
      method: 'PUT',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        return {status: response.status, json: json};
      });
    }).then(function (r) {
      if (r.status === 200) {
        field('ver_' + id).value = String(r.json.version);
        field('o_' + id).value = canonical(r.json.value);
        if (c && shownComment) {
          shownComment.value = c.value;
        }
        setMessage(id, 'Enregistr\u00e9', 'ok');
        showResult(r.json.result);
      } else if (r.status === 409) {
        refresh(id);
      } else if (r.status === 401) {
        setMessage(id, 'Session expir\u00e9e : reconnectez-vous (votre saisie n\u2019est pas enregistr\u00e9e).', 'error');
      } else {
        setMessage(id, r.json.error || 'R\u00e9ponse non enregistr\u00e9e.', 'error');
      }
    }).catch(function () {
      setMessage(id, 'Serveur injoignable : r\u00e9ponse non enregistr\u00e9e. Le bouton Enregistrer r\u00e9essaie.', 'error');
    });
  }

  /* A value of the API as the pages write it: oui, non, ne s'applique pas, jamais, 12,5. */
  function people(value) {
    if (value === true || value === false) {
      return value ? 'oui' : 'non';
    }
    if (value === 'na') {
      return 'ne s\u2019applique pas';
    }
    if (value === 'never') {
      return 'jamais';
    }
    return String(value).replace('.', ',');
  }

  /* After a conflict: take the current version, keep what the person typed, say so. */
  function refresh(id) {
    fetch(api, {credentials: 'same-origin'}).then(function (response) {
      return response.json();
    }).then(function (json) {
      var a = json.answers && json.answers[id];
      if (a) {
        field('ver_' + id).value = String(a.version);
        field('o_' + id).value = canonical(a.value);
      }
      /* the words of the page without JavaScript (pages.c), the answer now stored in them */
      setMessage(id, 'Cette r\u00e9ponse a \u00e9t\u00e9 modifi\u00e9e entre-temps par quelqu\x27un d\x27autre (r\u00e9ponse enregistr\u00e9e : ' +
                 (a && a.value !== null ? people(a.value) : 'sans r\u00e9ponse') +
                 '). Votre saisie est gard\u00e9e ici : modifiez-la, ou cliquez sur Enregistrer pour la garder.',
                 'error');
    });
  }

  function later(id, delay) {
    clearTimeout(timers[id]);
    timers[id] = setTimeout(function () {
      save(id);
    }, delay);
  }

  form.querySelectorAll('fieldset.question').forEach(function (box) {
    var id = box.getAttribute('data-indicator');
    box.querySelectorAll('input, textarea').forEach(function (el) {
      if (el.type === 'hidden') {
        return;
      }
      if (el.type === 'radio' || el.type === 'checkbox' || el.type === 'date') {
        el.addEventListener('change', function () {
          later(id, 50);
        });
      } else {
        el.addEventListener('input', function () {
          /* a field emptied while one types over it is not saved as cleared: leaving it is */
          if (el.value.trim() !== '') {
            later(id, 900);
          } else {
            clearTimeout(timers[id]);
          }
        });
        el.addEventListener('change', function () {
          later(id, 50);
        });
      }
    });
  });
  form.classList.add('autosave');
})();
