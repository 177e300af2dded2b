import Foundation

extension TargetSentimentTrainer {
    /// NB-LR: for each class, a binary logistic regression (the class against the
    /// other two) over the features scaled by their naive-Bayes log-count ratio
    /// r = log((p / |p|₁) / (q / |q|₁)), p and q counting the training targets of the
    /// class and of the others that have the feature, plus one. Returns the weights
    /// [feature * 3 + class] on the unscaled features (fitted weight × r), so the
    /// three decision values are the model's logits. Full-batch Adam from zero, the
    /// same penalty, class weights and steps as the multinomial fit; deterministic.
    func fitNaiveBayes(_ rows: SparseRows, features: Int, classWeight: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: features * 3)
        let scale = 1 / Double(max(rows.labels.count, 1))
        let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
        for c in 0..<3 {
            var p = [Double](repeating: 1, count: features), q = p
            for r in rows.labels.indices {
                for k in rows.starts[r]..<rows.starts[r + 1] where rows.values[k] != 0 {
                    if rows.labels[r] == c { p[rows.columns[k]] += 1 } else { q[rows.columns[k]] += 1 }
                }
            }
            let sp = p.reduce(0, +), sq = q.reduce(0, +)
            let ratio = (0..<features).map { log((p[$0] / sp) / (q[$0] / sq)) }
            var w = [Double](repeating: 0, count: features)
            var m = w, v = w, gradient = w
            for step in 1...max(1, iterations) {
                for k in gradient.indices { gradient[k] = 0 }
                for r in rows.labels.indices {
                    var z = 0.0
                    for k in rows.starts[r]..<rows.starts[r + 1] {
                        let j = rows.columns[k]
                        z += w[j] * rows.values[k] * ratio[j]
                    }
                    let label = rows.labels[r]
                    let target = label == c ? 1.0 : 0.0
                    let error = (1 / (1 + exp(-z)) - target) * classWeight[label] * scale
                    for k in rows.starts[r]..<rows.starts[r + 1] {
                        let j = rows.columns[k]
                        gradient[j] += error * rows.values[k] * ratio[j]
                    }
                }
                let correction1 = 1 - pow(beta1, Double(step)), correction2 = 1 - pow(beta2, Double(step))
                for j in 0..<features {
                    let g = gradient[j] + l2 * w[j]
                    m[j] = beta1 * m[j] + (1 - beta1) * g
                    v[j] = beta2 * v[j] + (1 - beta2) * g * g
                    w[j] -= learningRate * (m[j] / correction1) / ((v[j] / correction2).squareRoot() + epsilon)
                }
            }
            for j in 0..<features { result[j * 3 + c] = w[j] * ratio[j] }
        }
        return result
    }
}
