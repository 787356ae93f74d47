"""`leantf demo`: the study notes' CNN, trained with Keras `fit` on the MNIST sample inside leantf.

The model is the one of the notes' chapter "TF模型建立与训练" (two 5x5 convolutions with 2x2 max
pooling, a 1024-unit dense layer, softmax over 10 digits), compiled as the notes compile their
Keras models: Adam(0.001), sparse categorical cross-entropy, batch 50.

Two epochs over the 8,000 sample digits reach ~97% test accuracy on a 2-core machine in about
half a minute; one epoch stops near the 95% mark, too close to it to promise. `--quick` trains a
handful of steps so tests can check the whole path in a second or two.
"""
import math
import time

EPOCHS = 2
BATCH_SIZE = 50
LEARNING_RATE = 0.001
SEED = 0
# --quick: enough data for a few steps and a test pass, nothing more.
QUICK_TRAIN, QUICK_TEST, QUICK_BATCH = 200, 200, 50


def build_cnn(tf):
    """The notes' CNN as a Sequential model (their subclassed version computes the same thing)."""
    layers = tf.keras.layers
    return tf.keras.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(filters=32, kernel_size=[5, 5], padding="same", activation=tf.nn.relu),
        layers.MaxPool2D(pool_size=[2, 2], strides=2),
        layers.Conv2D(filters=64, kernel_size=[5, 5], padding="same", activation=tf.nn.relu),
        layers.MaxPool2D(pool_size=[2, 2], strides=2),
        layers.Reshape(target_shape=(7 * 7 * 64,)),
        layers.Dense(units=1024, activation=tf.nn.relu),
        layers.Dense(units=10),
        layers.Softmax(),
    ], name="seed_cnn")


def load_sample(quick):
    """The embedded digits as float32 images in [0, 1] with a channel axis, int32 labels."""
    import numpy as np
    from leantf.sample_data import load_mnist_10k

    (x_train, y_train), (x_test, y_test) = load_mnist_10k()
    if quick:
        x_train, y_train = x_train[:QUICK_TRAIN], y_train[:QUICK_TRAIN]
        x_test, y_test = x_test[:QUICK_TEST], y_test[:QUICK_TEST]

    def images(x):
        return np.expand_dims(x.astype(np.float32) / 255.0, axis=-1)

    return (images(x_train), y_train.astype(np.int32)), (images(x_test), y_test.astype(np.int32))


def demo(epochs=None, batch_size=None, quick=False):
    import leantf as tf

    epochs = epochs if epochs is not None else (1 if quick else EPOCHS)
    batch_size = batch_size if batch_size is not None else (QUICK_BATCH if quick else BATCH_SIZE)
    if epochs < 1 or batch_size < 1:
        raise SystemExit("leantf demo: --epochs and --batch-size must be at least 1")

    print(f"leantf {tf.__version__} demo: the CNN of the study notes, trained with Keras fit.")
    (x_train, y_train), (x_test, y_test) = load_sample(quick)
    print(f"Data: {len(x_train):,} training and {len(x_test):,} test digits from the MNIST sample embedded in "
          "leantf\n      (leantf.sample_data.load_mnist_10k: 10,000 real digits, not the full 70,000-image MNIST).")
    if quick:
        print("Quick run: a few steps on a few hundred digits; it checks the path, the accuracy means nothing.")

    # A fixed seed makes the printed accuracy repeatable from run to run.
    tf.keras.utils.set_random_seed(SEED)
    model = build_cnn(tf)
    model.summary()
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
                  loss=tf.keras.losses.sparse_categorical_crossentropy,
                  metrics=[tf.keras.metrics.sparse_categorical_accuracy])

    steps = epochs * math.ceil(len(x_train) / batch_size)
    print(f"Training: {epochs} epoch{'s' if epochs != 1 else ''} of batch {batch_size} "
          f"({steps} steps), Adam(learning_rate={LEARNING_RATE}).")
    start = time.perf_counter()
    model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size)
    train_s = time.perf_counter() - start

    start = time.perf_counter()
    # The training batch size: a convolution's unrolled patches grow with the batch (500 test
    # digits at once would take ~700 MB), and larger batches are not faster per digit.
    _, accuracy = model.evaluate(x_test, y_test, batch_size=batch_size, verbose=0)
    test_s = time.perf_counter() - start

    print()
    print(f"Test accuracy: {accuracy:.4f} on {len(x_test):,} held-out digits")
    print(f"Training time: {train_s:.1f} s for {steps} steps: {steps / train_s:.1f} steps/s, "
          f"{steps * batch_size / train_s:,.0f} samples/s")
    print(f"Test pass: {test_s:.1f} s")
    return 0
