import { useState } from 'react';
import '../../styles/trigger-forms.css';
import { Icon } from '../common/icons.js';
import { AddEventForm } from './event-form.js';
import { FORM_TYPES, type FormType } from './event-form-model.js';

interface Props {
  logicalId: string;
  takenNames: readonly string[];
  /** Opens the HTTP card's own form. */
  onHttp(): void;
}

/** "Add trigger": HTTP (the HTTP card's form), Schedule, SQS, SNS, S3 or a DynamoDB stream. */
export function AddTriggerMenu({ logicalId, takenNames, onHttp }: Props) {
  const [menu, setMenu] = useState(false);
  const [type, setType] = useState<FormType>();
  const choose = (t: FormType | 'http') => {
    setMenu(false);
    if (t === 'http') onHttp();
    else setType(t);
  };
  return (
    <div className="add-trigger">
      <div className="add-trigger-bar">
        <button type="button" className="btn btn-small" data-testid="trigger-add-menu" aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu((m) => !m)}>
          <Icon name="plus" size={13} /> Add trigger
        </button>
        {menu && (
          <div className="add-trigger-menu" role="menu">
            <button type="button" role="menuitem" data-testid="trigger-add-menu-http" onClick={() => choose('http')}>
              HTTP route
            </button>
            {FORM_TYPES.map((t) => (
              <button key={t.type} type="button" role="menuitem" data-testid={`trigger-add-${t.type}`} onClick={() => choose(t.type)}>
                {t.label}
              </button>
            ))}
          </div>
        )}
      </div>
      {type && <AddEventForm key={type} logicalId={logicalId} type={type} takenNames={takenNames} onClose={() => setType(undefined)} />}
    </div>
  );
}
