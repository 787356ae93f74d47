"""The notes' sub-model extraction: cut a two-task Functional model down to one task.

A click model with two heads -- `prob_task1` from user features only, `prob_task2` also from
two resource-id embeddings -- is trained on both tasks. Then a new Model is built from the
inputs task 1 needs and `get_layer('prob_task1').output`: it shares the trained layers (no
copy), and compiles, predicts and trains on its own.
"""
import numpy as np
import leantf as tf
from leantf.keras import Model

from common import pick

tf.keras.utils.set_random_seed(0)
combine_ids = [3, 7]
inputs = {f"resource_id_{i}": tf.keras.Input(shape=(1,), name=f"resource_id_{i}", dtype="int32")
          for i in combine_ids}
inputs["user_feat"] = tf.keras.Input(shape=(4,), name="user_feat")
embedded = [tf.keras.layers.Flatten()(tf.keras.layers.Embedding(10, 3)(inputs[f"resource_id_{i}"]))
            for i in combine_ids]
shared = tf.keras.layers.Dense(8, activation="relu", name="shared")(inputs["user_feat"])
prob_task1 = tf.keras.layers.Dense(1, activation="sigmoid", name="prob_task1")(shared)
prob_task2 = tf.keras.layers.Dense(1, activation="sigmoid", name="prob_task2")(
    tf.keras.layers.Concatenate()([shared] + embedded))
model = Model(inputs, [prob_task1, prob_task2])

# Synthetic data: task 1 depends on the user features, task 2 also on the first resource id.
rng = np.random.default_rng(0)
n = pick(2000, 200)
x = {"user_feat": rng.standard_normal((n, 4)).astype("float32"),
     "resource_id_3": rng.integers(0, 10, (n, 1)), "resource_id_7": rng.integers(0, 10, (n, 1))}
y1 = (x["user_feat"][:, :2].sum(1, keepdims=True) > 0).astype("float32")
y2 = ((x["user_feat"][:, 2:3] > 0) == (x["resource_id_3"] < 5)).astype("float32")
optimizer = tf.keras.optimizers.Adam(0.01)
model.compile(loss="binary_crossentropy", optimizer=optimizer)
model.fit(x, [y1, y2], epochs=pick(10, 1), batch_size=32, verbose=0)

# Extract task 1: keep only the inputs it needs.
model_task1_output = model.get_layer('prob_task1').output
model_task1_input = model.input.copy()
model_task1_input.pop(f'resource_id_{combine_ids[0]}')
model_task1_input.pop(f'resource_id_{combine_ids[1]}')
print(len(model_task1_input))
print(model_task1_output.shape)
model_task1 = Model(model_task1_input, model_task1_output)

print('\nmodel compiling')
model_task1.compile(loss='binary_crossentropy', optimizer=optimizer, metrics=[tf.keras.metrics.AUC()])
model_task1.summary()
loss, auc = model_task1.evaluate({"user_feat": x["user_feat"]}, y1, verbose=0)
print(f"task-1 sub-model: loss {loss:.4f}, AUC {auc:.4f}")
print("shares the trained layer:", model_task1.get_layer("shared") is model.get_layer("shared"))
for idx, layer in enumerate(model_task1.layers, start=1):
    print(idx, layer.name, layer.trainable)
